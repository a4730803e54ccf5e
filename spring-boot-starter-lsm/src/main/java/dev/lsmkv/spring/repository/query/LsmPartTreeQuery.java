package dev.lsmkv.spring.repository.query;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import dev.lsmkv.spring.core.LsmKeyValueAdapter;
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
 */
public class LsmPartTreeQuery extends KeyValuePartTreeQuery {

    private final KeyValueOperations operations;

    public LsmPartTreeQuery(QueryMethod queryMethod, ValueExpressionDelegate valueExpressionDelegate,
            KeyValueOperations keyValueOperations, Class<? extends AbstractQueryCreator<?, ?>> queryCreator) {
        super(queryMethod, valueExpressionDelegate, keyValueOperations, queryCreator);
        this.operations = keyValueOperations;
    }

    /**
     * As the base class, plus DTO projections: a query method returning a class (not an interface)
     * other than the entity gets each result converted by Spring Data's
     * {@code DtoInstantiatingConverter}, as Spring Data Redis does.
     */
    @Override
    public @Nullable Object execute(Object[] parameters) {
        ParameterAccessor accessor = new ParametersParameterAccessor(getQueryMethod().getParameters(), parameters);
        KeyValueQuery<?> query = prepareQuery(parameters);
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

    @Override
    protected @Nullable Object doExecute(Object[] parameters, KeyValueQuery<?> query) {
        QueryMethod method = getQueryMethod();
        Class<?> type = method.getEntityInformation().getJavaType();
        if (method.isPageQuery() || method.isSliceQuery()) {
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
        if (method.isStreamQuery()) {
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
}
