package dev.lsmkv.spring.repository.support;

import dev.lsmkv.spring.core.LsmKeyValueTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.repository.support.SimpleKeyValueRepository;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;
import org.springframework.util.Assert;

/**
 * The base class of lsm repositories: Spring Data KeyValue's repository, with bulk operations
 * that write one atomic engine batch per {@value dev.lsmkv.spring.core.LsmKeyValueAdapter#BULK_CHUNK}
 * entities ({@code saveAll}, {@code deleteAllById}, {@code deleteAll(entities)}), {@code existsById}
 * without loading the entity, and Query by Example ({@link ListQueryByExampleExecutor}, see {@link ExampleCriteria}), answered
 * through {@code @Indexed} properties where the probe sets them. With a template that is not an
 * {@link LsmKeyValueTemplate} (an application's own {@code KeyValueTemplate} bean) the bulk
 * operations fall back to one write per entity.
 */
public class SimpleLsmRepository<T, ID> extends SimpleKeyValueRepository<T, ID> implements ListQueryByExampleExecutor<T> {

    private final EntityInformation<T, ID> entityInformation;
    private final KeyValueOperations operations;
    private final LsmQueryByExampleExecutor<T> examples;

    public SimpleLsmRepository(EntityInformation<T, ID> metadata, KeyValueOperations operations) {
        super(metadata, operations);
        this.entityInformation = metadata;
        this.operations = operations;
        this.examples = new LsmQueryByExampleExecutor<>(metadata, operations);
    }

    @Override
    public <S extends T> List<S> saveAll(Iterable<S> entities) {
        Assert.notNull(entities, "The given Iterable of entities must not be null");
        if (!(operations instanceof LsmKeyValueTemplate template)) {
            return super.saveAll(entities);
        }
        List<S> list = new ArrayList<>();
        List<Boolean> isNew = new ArrayList<>();
        for (S entity : entities) {
            Assert.notNull(entity, "Entity must not be null");
            list.add(entity);
            isNew.add(entityInformation.isNew(entity));
        }
        return template.insertOrUpdateAll(list, isNew, entityInformation.getJavaType());
    }

    @Override
    public boolean existsById(ID id) {
        Assert.notNull(id, "The given id must not be null");
        String keyspace = ((org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity<?, ?>) operations
                .getMappingContext().getRequiredPersistentEntity(entityInformation.getJavaType())).getKeySpace();
        Boolean found = operations.execute(adapter -> adapter.contains(id, keyspace));
        return Boolean.TRUE.equals(found);
    }

    @Override
    public void deleteById(ID id) {
        Assert.notNull(id, "The given id must not be null");
        if (operations instanceof LsmKeyValueTemplate template) {
            template.deleteById(id, entityInformation.getJavaType());
        } else {
            super.deleteById(id);
        }
    }

    @Override
    public void deleteAllById(Iterable<? extends ID> ids) {
        Assert.notNull(ids, "The given Iterable of Ids must not be null");
        if (!(operations instanceof LsmKeyValueTemplate template)) {
            super.deleteAllById(ids);
            return;
        }
        List<Object> list = new ArrayList<>();
        ids.forEach(list::add);
        template.deleteAllById(list, entityInformation.getJavaType());
    }

    @Override
    public void deleteAll(Iterable<? extends T> entities) {
        Assert.notNull(entities, "The given Iterable of entities must not be null");
        List<ID> ids = new ArrayList<>();
        for (T entity : entities) {
            ids.add(entityInformation.getRequiredId(entity));
        }
        deleteAllById(ids);
    }

    // ------------------------------------------------------------------ Query by Example

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        return examples.findOne(example);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return examples.findAll(example);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        return examples.findAll(example, sort);
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        return examples.findAll(example, pageable);
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return examples.count(example);
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return examples.exists(example);
    }

    @Override
    public <S extends T, R> R findBy(Example<S> example, Function<FluentQuery.FetchableFluentQuery<S>, R> queryFunction) {
        return examples.findBy(example, queryFunction);
    }
}
