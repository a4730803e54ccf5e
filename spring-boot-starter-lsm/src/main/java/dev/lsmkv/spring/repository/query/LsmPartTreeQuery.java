package dev.lsmkv.spring.repository.query;

import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.keyvalue.repository.query.KeyValuePartTreeQuery;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * A {@link KeyValuePartTreeQuery} with four fixes for derived queries:
 * <ul>
 * <li>{@code Slice} results fetch one row more than the page, so {@code hasNext()} is true
 * when there is a next slice (the base class always says false);</li>
 * <li>{@code Page} results count only when the page itself cannot tell the total (a short
 * first page needs no count pass);</li>
 * <li>DTO projections (a query method returning another class than the entity);</li>
 * <li>{@code Stream} return types work, streaming through an engine cursor (nothing but the
 * current entity is held when the order is the key order).</li>
 * </ul>
 * With the default {@link LsmQueryCreator}, the method name is parsed once: each call binds its
 * arguments into the conditions read from the {@code PartTree} when the query was created
 * ({@link Shape}), instead of instantiating a query creator reflectively and walking the tree
 * and its {@code OrderBy} again (a tenth of an indexed {@code findByEmail}'s time). The
 * {@code KeyValueQuery} it builds is the one the base class builds.
 */
public class LsmPartTreeQuery extends KeyValuePartTreeQuery {

    private final KeyValueOperations operations;
    /** The method name's conditions, sort and limit; null: another query creator, which builds each query. */
    private final @Nullable Shape shape;
    private final boolean pageOrSlice;
    private final boolean stream;
    private final boolean collection;

    public LsmPartTreeQuery(QueryMethod queryMethod, ValueExpressionDelegate valueExpressionDelegate,
            KeyValueOperations keyValueOperations, Class<? extends AbstractQueryCreator<?, ?>> queryCreator) {
        super(queryMethod, valueExpressionDelegate, keyValueOperations, queryCreator);
        this.operations = keyValueOperations;
        this.shape = queryCreator == LsmQueryCreator.class ? Shape.of(queryMethod) : null;
        this.pageOrSlice = queryMethod.isPageQuery() || queryMethod.isSliceQuery();
        this.stream = queryMethod.isStreamQuery();
        this.collection = queryMethod.isCollectionQuery();
    }

    /**
     * As the base class, plus DTO projections: a query method returning a class (not an interface)
     * other than the entity gets each result converted by Spring Data's
     * {@code DtoInstantiatingConverter}, as Spring Data Redis does.
     */
    @Override
    public @Nullable Object execute(Object[] parameters) {
        ParametersParameterAccessor accessor = new ParametersParameterAccessor(getQueryMethod().getParameters(), parameters);
        KeyValueQuery<?> query = shape != null ? shape.query(accessor) : prepareQuery(parameters);
        ResultProcessor processor = getQueryMethod().getResultProcessor().withDynamicProjection(accessor);
        ReturnedType returned = processor.getReturnedType();
        Object result = doExecute(parameters, query);
        if (returned.isProjecting() && !returned.getReturnedType().isInterface()) {
            DtoInstantiatingConverter converter = new DtoInstantiatingConverter(returned.getReturnedType(),
                    operations.getMappingContext(), new EntityInstantiators());
            return processor.processResult(result, converter::convert);
        }
        return processor.processResult(result);
    }

    /** As the base class's, the method name parsed once with the default query creator. */
    @Override
    protected KeyValueQuery<?> prepareQuery(Object[] parameters) {
        return shape != null
                ? shape.query(new ParametersParameterAccessor(getQueryMethod().getParameters(), parameters))
                : super.prepareQuery(parameters);
    }

    @Override
    protected @Nullable Object doExecute(Object[] parameters, KeyValueQuery<?> query) {
        QueryMethod method = getQueryMethod();
        Class<?> type = method.getEntityInformation().getJavaType();
        if (collection && !pageOrSlice && !stream) {
            return operations.find(query, type); // the base class's collection case, without its checks
        }
        if (pageOrSlice) {
            Pageable page = (Pageable) parameters[method.getParameters().getPageableIndex()];
            if (page == null || page.isUnpaged()) {
                return super.doExecute(parameters, query);
            }
            query.setOffset(page.getOffset());
            if (method.isPageQuery()) {
                query.setRows(page.getPageSize());
                List<?> content = toList(operations.find(query, type));
                return PageableExecutionUtils.getPage(content, page, () -> operations.count(query, type));
            }
            query.setRows(page.getPageSize() + 1);
            List<Object> content = toList(operations.find(query, type));
            boolean hasNext = content.size() > page.getPageSize();
            return new SliceImpl<>(hasNext ? content.subList(0, page.getPageSize()) : content, page, hasNext);
        }
        if (stream) {
            String keyspace = ((KeyValuePersistentEntity<?, ?>) operations.getMappingContext()
                    .getRequiredPersistentEntity(type)).getKeySpace();
            return operations.execute(adapter -> adapter instanceof LsmKeyValueAdapter lsm
                    ? lsm.stream(query, keyspace, type)
                    : toList(operations.find(query, type)).stream());
        }
        return super.doExecute(parameters, query);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> toList(Iterable<?> iterable) {
        if (iterable instanceof List<?> list) {
            return (List<Object>) list;
        }
        List<Object> list = new ArrayList<>();
        iterable.forEach(list::add);
        return list;
    }

    /**
     * A derived query's method name, parsed once: the conditions of each OR branch (property path,
     * keyword, argument count, case handling), the {@code OrderBy} sort and the {@code Top}/{@code First}
     * limit. {@link #query} builds what {@code LsmQueryCreator} and the base class's {@code prepareQuery}
     * build from them: conditions taking the bindable arguments in order, the sort (a {@code Sort} or
     * {@code Pageable} argument's, else the method name's), offset and rows (a {@code Pageable} or
     * {@code Limit} argument's, else the method name's limit).
     */
    record Shape(List<List<Step>> branches, Sort sort, int maxResults) {

        /** One condition of the method name. */
        record Step(String path, Part.Type type, int arguments, boolean ignoreCase) {
        }

        /** The shape of {@code method}'s name, or null to leave the query to the creator (and its errors to their time). */
        static @Nullable Shape of(QueryMethod method) {
            PartTree tree;
            try {
                tree = new PartTree(method.getName(), method.getEntityInformation().getJavaType());
            } catch (RuntimeException e) {
                return null; // the base class parses lazily: an unparsable name fails when called, as before
            }
            List<List<Step>> branches = new ArrayList<>();
            for (PartTree.OrPart branch : tree) {
                List<Step> steps = new ArrayList<>();
                for (Part part : branch) {
                    if (part.getType() == Part.Type.NEAR || part.getType() == Part.Type.WITHIN) {
                        return null; // the creator rejects these when a query is built: leave that to it
                    }
                    steps.add(new Step(part.getProperty().toDotPath(), part.getType(), part.getNumberOfArguments(),
                            part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER));
                }
                if (steps.isEmpty()) {
                    return null; // the creator's error, as before
                }
                branches.add(List.copyOf(steps));
            }
            Integer max = tree.isLimiting() ? tree.getMaxResults() : null;
            return new Shape(List.copyOf(branches), tree.getSort(), max == null ? -1 : max);
        }

        KeyValueQuery<LsmCriteria> query(ParameterAccessor accessor) {
            LsmCriteria criteria = null;
            Iterator<Object> arguments = accessor.iterator();
            for (List<Step> branch : branches) {
                LsmCriteria conjunction = null;
                for (Step step : branch) {
                    List<Object> args = new ArrayList<>(step.arguments);
                    for (int i = 0; i < step.arguments; i++) {
                        args.add(arguments.next());
                    }
                    LsmCriteria.Condition c = new LsmCriteria.Condition(step.path, step.type, args, step.ignoreCase);
                    conjunction = conjunction == null ? LsmCriteria.of(c) : conjunction.and(c);
                }
                criteria = criteria == null ? conjunction : criteria.or(conjunction);
            }
            KeyValueQuery<LsmCriteria> query = new KeyValueQuery<>(criteria);
            Pageable pageable = accessor.getPageable();
            query.setOffset(pageable.isPaged() ? pageable.getOffset() : -1);
            if (pageable.isPaged()) {
                query.setRows(pageable.getPageSize());
            } else if (maxResults >= 0) {
                query.setRows(maxResults);
            }
            Sort dynamic = accessor.getSort();
            query.setSort(dynamic.isUnsorted() ? sort : dynamic);
            return query;
        }
    }
}
