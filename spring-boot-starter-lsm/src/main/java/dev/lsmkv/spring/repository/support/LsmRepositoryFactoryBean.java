package dev.lsmkv.spring.repository.support;

import org.springframework.data.keyvalue.repository.support.KeyValueRepositoryFactoryBean;
import org.springframework.data.repository.Repository;

/**
 * The factory bean of lsm repositories. A type of its own so that Boot's repository
 * auto-configuration can step aside when repositories are already configured
 * ({@code @ConditionalOnMissingBean(LsmRepositoryFactoryBean.class)}).
 */
public class LsmRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends KeyValueRepositoryFactoryBean<T, S, ID> {

    public LsmRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }
}
