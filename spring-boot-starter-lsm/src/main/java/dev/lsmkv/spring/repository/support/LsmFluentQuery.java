package dev.lsmkv.spring.repository.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.query.FluentQuery.FetchableFluentQuery;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The {@link FetchableFluentQuery} of lsm Query by Example ({@code findBy(example, q -> ...)}).
 * Immutable: every configuring method returns a new query. Every terminal method runs one
 * {@link KeyValueQuery} through {@link KeyValueOperations} (two for a page whose total is not
 * revealed by its content).
 * <ul>
 * <li>{@link #sortBy}: appends to the sort so far; {@link #limit}: at most that many results for
 * {@link #all}, {@link #stream}, {@link #oneValue}, {@link #firstValue}, {@link #count} (capped at
 * the limit), {@link #exists} (false for limit 0) and {@link #scroll} (the window size); it does
 * not apply to {@link #page} and {@link #slice}, whose {@link Pageable} decides.</li>
 * <li>{@link #page}/{@link #slice}: sorted by the query's sort, then the pageable's; a slice reads
 * one entity more than its size to know whether there is a next one.</li>
 * <li>{@link #scroll}: offset scrolling ({@link ScrollPosition#offset()}); a keyset position fails
 * with {@link InvalidDataAccessApiUsageException}.</li>
 * <li>{@link #as}: the domain type or any supertype or interface it implements returns the entities
 * themselves; another interface gives Spring Data projection proxies (closed or open, backed by
 * the entity); another class is a DTO, created through its persistence constructor from the
 * entity's properties of the same names (Spring Data's {@link DtoInstantiatingConverter}). A type
 * that cannot be a projection (a simple type, an array, an abstract class), or a DTO whose
 * constructor asks for a property the entity does not have, fails with
 * {@link InvalidDataAccessApiUsageException}.</li>
 * <li>{@link #project}: accepted as a hint and ignored: entities are stored and read whole.</li>
 * <li>{@link #oneValue}: {@link IncorrectResultSizeDataAccessException} when more than one entity
 * matches; {@link #stream}: the results of {@link #all}, read eagerly.</li>
 * </ul>
 *
 * @param <R> the result type
 */
final class LsmFluentQuery<R> implements FetchableFluentQuery<R> {

    /** What a query reads: its type (and so keyspace), its criteria and the example's probe type. */
    record Target<S>(KeyValueOperations operations, Class<?> queryType, @Nullable Object criteria, Class<S> probeType) {

        List<Object> find(Sort sort, long offset, int rows) {
            if (rows == 0) {
                return List.of();
            }
            KeyValueQuery<Object> query = new KeyValueQuery<>(criteria, sort);
            if (offset > 0) {
                query.setOffset(offset);
            }
            if (rows > 0) {
                query.setRows(rows);
            }
            List<Object> out = new ArrayList<>();
            operations.find(query, queryType).forEach(out::add);
            return out;
        }

        long count() {
            return operations.count(new KeyValueQuery<>(criteria), queryType);
        }

        boolean exists() {
            return operations.exists(new KeyValueQuery<>(criteria), queryType);
        }
    }

    /** Creates projections; the DTO mapping context is made on first use, apart from the store's. */
    static final class Projections {
        private volatile @Nullable SpelAwareProxyProjectionFactory factory;
        private volatile @Nullable KeyValueMappingContext<?, ?> dtoContext;

        <R> Function<Object, R> to(Class<R> type, Class<?> probeType) {
            if (type.isAssignableFrom(probeType)) {
                return type::cast;
            }
            if (type.isInterface()) {
                SpelAwareProxyProjectionFactory f = factory();
                return entity -> type.isInstance(entity) ? type.cast(entity) : f.createProjection(type, entity);
            }
            if (type.isPrimitive() || type.isArray() || type.isEnum() || ClassUtils.isPrimitiveOrWrapper(type)
                    || java.lang.reflect.Modifier.isAbstract(type.getModifiers()) || type.getName().startsWith("java.")) {
                throw new InvalidDataAccessApiUsageException("cannot return query by example results of "
                        + probeType.getName() + " as " + type.getName() + ": use the domain type, one of its"
                        + " supertypes, an interface projection or a DTO class");
            }
            DtoInstantiatingConverter converter;
            try {
                converter = new DtoInstantiatingConverter(type, dtoContext(), new EntityInstantiators());
            } catch (RuntimeException e) {
                throw new InvalidDataAccessApiUsageException("cannot use " + type.getName()
                        + " as a DTO projection of " + probeType.getName() + ": " + e.getMessage(), e);
            }
            return entity -> {
                if (type.isInstance(entity)) {
                    return type.cast(entity);
                }
                try {
                    return type.cast(converter.convert(entity));
                } catch (RuntimeException e) {
                    throw new InvalidDataAccessApiUsageException("cannot create the DTO " + type.getName() + " from "
                            + entity.getClass().getName() + ": " + e.getMessage(), e);
                }
            };
        }

        private SpelAwareProxyProjectionFactory factory() {
            SpelAwareProxyProjectionFactory f = factory;
            if (f == null) {
                f = new SpelAwareProxyProjectionFactory();
                factory = f;
            }
            return f;
        }

        private KeyValueMappingContext<?, ?> dtoContext() {
            KeyValueMappingContext<?, ?> c = dtoContext;
            if (c == null) {
                c = new KeyValueMappingContext<>();
                dtoContext = c;
            }
            return c;
        }
    }

    private final Target<?> target;
    private final Projections projections;
    private final Sort sort;
    private final int limit;
    private final Function<Object, R> mapper;
    private final List<String> properties;

    private LsmFluentQuery(Target<?> target, Projections projections, Sort sort, int limit, Function<Object, R> mapper,
            List<String> properties) {
        this.target = target;
        this.projections = projections;
        this.sort = sort;
        this.limit = limit;
        this.mapper = mapper;
        this.properties = properties;
    }

    static <S> LsmFluentQuery<S> of(Target<S> target, Projections projections) {
        Class<S> type = target.probeType();
        return new LsmFluentQuery<>(target, projections, Sort.unsorted(), -1, type::cast, List.of());
    }

    // ------------------------------------------------------------------ configuration

    @Override
    public FetchableFluentQuery<R> sortBy(Sort sort) {
        Assert.notNull(sort, "Sort must not be null");
        return new LsmFluentQuery<>(target, projections, this.sort.and(sort), limit, mapper, properties);
    }

    @Override
    public FetchableFluentQuery<R> limit(int limit) {
        Assert.isTrue(limit >= 0, "Limit must not be negative");
        return new LsmFluentQuery<>(target, projections, sort, limit, mapper, properties);
    }

    @Override
    public <N> FetchableFluentQuery<N> as(Class<N> resultType) {
        Assert.notNull(resultType, "Projection target type must not be null");
        return new LsmFluentQuery<>(target, projections, sort, limit, projections.to(resultType, target.probeType()),
                properties);
    }

    @Override
    public FetchableFluentQuery<R> project(Collection<String> properties) {
        Assert.notNull(properties, "Projection properties must not be null");
        return new LsmFluentQuery<>(target, projections, sort, limit, mapper, List.copyOf(properties));
    }

    // ------------------------------------------------------------------ terminal operations

    @Override
    public @Nullable R oneValue() {
        List<Object> found = target.find(sort, 0, limit >= 0 ? Math.min(limit, 2) : 2);
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException("query by example found more than one result", 1);
        }
        return found.isEmpty() ? null : mapper.apply(found.get(0));
    }

    @Override
    public @Nullable R firstValue() {
        List<Object> found = target.find(sort, 0, limit == 0 ? 0 : 1);
        return found.isEmpty() ? null : mapper.apply(found.get(0));
    }

    @Override
    public List<R> all() {
        return map(target.find(sort, 0, limit));
    }

    @Override
    public Window<R> scroll(ScrollPosition scrollPosition) {
        Assert.notNull(scrollPosition, "ScrollPosition must not be null");
        if (!(scrollPosition instanceof OffsetScrollPosition position)) {
            throw new InvalidDataAccessApiUsageException("lsm query by example scrolls by offset only"
                    + " (ScrollPosition.offset()), not by " + scrollPosition);
        }
        long start = position.isInitial() ? 0 : position.getOffset() + 1;
        int rows = limit < 0 ? -1 : limit == Integer.MAX_VALUE ? limit : limit + 1;
        List<Object> found = target.find(sort, start, rows);
        boolean hasNext = limit >= 0 && found.size() > limit;
        List<Object> content = hasNext ? found.subList(0, limit) : found;
        IntFunction<OffsetScrollPosition> positions = OffsetScrollPosition.positionFunction(start);
        return Window.from(map(content), positions, hasNext);
    }

    @Override
    public Page<R> page(Pageable pageable) {
        Assert.notNull(pageable, "Pageable must not be null");
        Sort order = sort.and(pageable.getSort());
        if (pageable.isUnpaged()) {
            List<R> content = map(target.find(order, 0, -1));
            return new PageImpl<>(content, pageable, content.size());
        }
        List<R> content = map(target.find(order, pageable.getOffset(), pageable.getPageSize()));
        return PageableExecutionUtils.getPage(content, pageable, target::count);
    }

    @Override
    public Slice<R> slice(Pageable pageable) {
        Assert.notNull(pageable, "Pageable must not be null");
        Sort order = sort.and(pageable.getSort());
        if (pageable.isUnpaged()) {
            return new SliceImpl<>(map(target.find(order, 0, -1)), pageable, false);
        }
        int size = pageable.getPageSize();
        List<Object> found = target.find(order, pageable.getOffset(), size == Integer.MAX_VALUE ? size : size + 1);
        boolean hasNext = found.size() > size;
        return new SliceImpl<>(map(hasNext ? found.subList(0, size) : found), pageable, hasNext);
    }

    @Override
    public Stream<R> stream() {
        return all().stream();
    }

    @Override
    public long count() {
        if (limit == 0) {
            return 0;
        }
        long n = target.count();
        return limit > 0 ? Math.min(n, limit) : n;
    }

    @Override
    public boolean exists() {
        return limit != 0 && target.exists();
    }

    private List<R> map(List<Object> entities) {
        List<R> out = new ArrayList<>(entities.size());
        for (Object entity : entities) {
            out.add(mapper.apply(entity));
        }
        return out;
    }
}
