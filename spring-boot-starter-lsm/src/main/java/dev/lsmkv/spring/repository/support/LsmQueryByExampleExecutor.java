package dev.lsmkv.spring.repository.support;

import dev.lsmkv.spring.core.LsmCriteria;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;
import org.springframework.data.repository.query.QueryByExampleExecutor;
import org.springframework.util.Assert;

/**
 * Query by Example ({@link QueryByExampleExecutor}) for lsm repositories. The example becomes
 * {@link LsmCriteria} ({@link ExampleCriteria}, which documents the matching rules) and runs as a
 * {@link KeyValueQuery} through {@link KeyValueOperations#find}, {@code count} and {@code exists},
 * so the lsm query engine answers it from the index of an {@code @Indexed} property the probe sets
 * (exact or starting-with string matching, case-sensitive; equality for other values) and scans the
 * keyspace otherwise. Sorting, offsets and limits are the engine's.
 *
 * <p>Probe type: a probe of the repository's domain type matches entities of that type and its
 * subtypes, as a query of the repository does. A probe of a strict subtype matches only instances
 * of that subtype: when the subtype has a keyspace of its own, that keyspace is queried; when it
 * shares its supertype's keyspace, the query keeps only instances of the subtype, which the criteria
 * cannot express, so that query scans the keyspace instead of reading an index.
 *
 * <p>{@link #findOne} fails with {@link org.springframework.dao.IncorrectResultSizeDataAccessException}
 * when more than one entity matches. {@link #findAll(Example, Pageable)} reads one page and counts
 * the matches only when the page does not reveal the total. {@link #findBy} offers a
 * {@link FetchableFluentQuery}; see {@link LsmFluentQuery} for what it supports.
 *
 * @param <T> the domain type
 */
public class LsmQueryByExampleExecutor<T> implements ListQueryByExampleExecutor<T> {

    private final EntityInformation<T, ?> entityInformation;
    private final KeyValueOperations operations;
    private final LsmFluentQuery.Projections projections;

    public LsmQueryByExampleExecutor(EntityInformation<T, ?> entityInformation, KeyValueOperations operations) {
        Assert.notNull(entityInformation, "EntityInformation must not be null");
        Assert.notNull(operations, "KeyValueOperations must not be null");
        this.entityInformation = entityInformation;
        this.operations = operations;
        this.projections = new LsmFluentQuery.Projections();
    }

    @Override
    public <S extends T> Optional<S> findOne(Example<S> example) {
        return findBy(example, FetchableFluentQuery::one);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example) {
        return findBy(example, FetchableFluentQuery::all);
    }

    @Override
    public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
        Assert.notNull(sort, "Sort must not be null");
        return findBy(example, q -> q.sortBy(sort).all());
    }

    @Override
    public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
        Assert.notNull(pageable, "Pageable must not be null");
        return findBy(example, q -> q.page(pageable));
    }

    @Override
    public <S extends T> long count(Example<S> example) {
        return findBy(example, FetchableFluentQuery::count);
    }

    @Override
    public <S extends T> boolean exists(Example<S> example) {
        return findBy(example, FetchableFluentQuery::exists);
    }

    @Override
    public <S extends T, R extends @Nullable Object> R findBy(Example<S> example,
            Function<FetchableFluentQuery<S>, R> queryFunction) {
        Assert.notNull(queryFunction, "Query function must not be null");
        return queryFunction.apply(LsmFluentQuery.of(query(example), projections));
    }

    /** The query answering {@code example}: the type (and so keyspace) to read, and the criteria. */
    private <S extends T> LsmFluentQuery.Target<S> query(Example<S> example) {
        Assert.notNull(example, "Example must not be null");
        Assert.notNull(example.getProbe(), "Example probe must not be null");
        Class<T> domainType = entityInformation.getJavaType();
        Class<S> probeType = example.getProbeType();
        if (!domainType.isAssignableFrom(probeType)) {
            throw new InvalidDataAccessApiUsageException("the example's probe is a " + probeType.getName()
                    + ", not a " + domainType.getName() + " of this repository");
        }
        LsmCriteria criteria = ExampleCriteria.of(example, operations.getMappingContext());
        if (probeType == domainType) {
            return new LsmFluentQuery.Target<>(operations, domainType, criteria, probeType);
        }
        String probeKeyspace = keyspace(probeType);
        if (probeKeyspace != null && !probeKeyspace.equals(keyspace(domainType))) {
            return new LsmFluentQuery.Target<>(operations, probeType, criteria, probeType);
        }
        Predicate<Object> restricted = criteria == null ? probeType::isInstance
                : entity -> probeType.isInstance(entity) && criteria.matches(entity);
        return new LsmFluentQuery.Target<>(operations, domainType, restricted, probeType);
    }

    private @Nullable String keyspace(Class<?> type) {
        PersistentEntity<?, ?> entity = operations.getMappingContext().getRequiredPersistentEntity(type);
        return entity instanceof KeyValuePersistentEntity<?, ?> kv ? kv.getKeySpace() : null;
    }
}
