package dev.lsmkv.spring.repository.query;

import dev.lsmkv.spring.core.LsmCriteria;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Turns a derived query method ({@code findByEmailAndAgeGreaterThan}) into {@link LsmCriteria},
 * which the adapter's query engine answers from {@code @Indexed} properties where it can and by a
 * streaming scan otherwise. Supports the keywords of Spring Data's map store (equality,
 * negation, null checks, ranges, {@code Between} exclusive at both ends, {@code Like},
 * {@code Containing}, {@code StartingWith}, {@code EndingWith}, {@code Regex}, {@code In},
 * {@code NotIn}, {@code True}, {@code False}) plus {@code IsEmpty}, {@code IsNotEmpty} and
 * {@code Exists}; {@code IgnoreCase} applies to string comparisons.
 */
public class LsmQueryCreator extends AbstractQueryCreator<KeyValueQuery<LsmCriteria>, LsmCriteria> {

    public LsmQueryCreator(PartTree tree, ParameterAccessor parameters) {
        super(tree, parameters);
    }

    @Override
    protected LsmCriteria create(Part part, Iterator<Object> iterator) {
        return LsmCriteria.of(condition(part, iterator));
    }

    @Override
    protected LsmCriteria and(Part part, LsmCriteria base, Iterator<Object> iterator) {
        return base.and(condition(part, iterator));
    }

    @Override
    protected LsmCriteria or(LsmCriteria base, LsmCriteria criteria) {
        return base.or(criteria);
    }

    @Override
    protected KeyValueQuery<LsmCriteria> complete(@Nullable LsmCriteria criteria, Sort sort) {
        return criteria == null ? new KeyValueQuery<>(sort) : new KeyValueQuery<>(criteria, sort);
    }

    private static LsmCriteria.Condition condition(Part part, Iterator<Object> iterator) {
        switch (part.getType()) {
            case NEAR, WITHIN, IS_EMPTY, IS_NOT_EMPTY, EXISTS, TRUE, FALSE, IS_NULL, IS_NOT_NULL -> {
                if (part.getType() == Part.Type.NEAR || part.getType() == Part.Type.WITHIN) {
                    throw new org.springframework.dao.InvalidDataAccessApiUsageException(
                            "'" + part.getType() + "' is not supported by lsm query derivation");
                }
            }
            default -> {
            }
        }
        List<Object> args = new ArrayList<>(part.getNumberOfArguments());
        for (int i = 0; i < part.getNumberOfArguments(); i++) {
            args.add(iterator.next());
        }
        boolean ignoreCase = part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER;
        return new LsmCriteria.Condition(part.getProperty().toDotPath(), part.getType(), args, ignoreCase);
    }
}
