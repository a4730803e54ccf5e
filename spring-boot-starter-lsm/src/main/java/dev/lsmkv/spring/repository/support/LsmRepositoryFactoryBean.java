package dev.lsmkv.spring.repository.support;

import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.repository.support.KeyValueRepositoryFactory;
import org.springframework.data.keyvalue.repository.support.KeyValueRepositoryFactoryBean;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;

/**
 * The factory bean of lsm repositories. A type of its own so that Boot's repository
 * auto-configuration can step aside when repositories are already configured
 * ({@code @ConditionalOnMissingBean(LsmRepositoryFactoryBean.class)}); its factory makes
 * {@link SimpleLsmRepository} the base of every lsm repository (unless
 * {@code @EnableLsmRepositories(repositoryBaseClass = ...)} names another).
 */
public class LsmRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends KeyValueRepositoryFactoryBean<T, S, ID> {

    public LsmRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
        super(repositoryInterface);
    }

    @Override
    protected KeyValueRepositoryFactory createRepositoryFactory(KeyValueOperations operations,
            Class<? extends AbstractQueryCreator<?, ?>> queryCreator, Class<? extends RepositoryQuery> repositoryQueryType) {
        return new KeyValueRepositoryFactory(operations, queryCreator, repositoryQueryType) {
            @Override
            protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
                return SimpleLsmRepository.class;
            }
        };
    }
}
