package dev.lsmkv.spring.repository.support;

import dev.lsmkv.spring.core.LsmCriteria;
import dev.lsmkv.spring.core.LsmCriteria.Condition;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.ExampleMatcher;
import org.springframework.data.domain.ExampleMatcher.NullHandler;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.SimplePropertyHandler;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.support.ExampleMatcherAccessor;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Turns a Query by Example {@link Example} into {@link LsmCriteria}, so that the lsm query engine
 * answers it like a derived query: from an {@code @Indexed} property's index where the probe sets
 * one with exact matching, by a scan otherwise.
 *
 * <p>The probe's persistent properties (those of the mapping context's entity for the probe's
 * class; {@code @Transient} and {@code transient} ones are not properties) are visited in
 * declaration order, each under its dotted path ({@code address.city}). For every path that is not
 * ignored ({@link ExampleMatcher#isIgnoredPath exact path}), the path's
 * {@link ExampleMatcher.PropertyValueTransformer} is applied to the value first; then:
 * <ul>
 * <li><b>null</b> (or a transformer that returns empty): skipped with {@link NullHandler#IGNORE},
 * an {@code IS_NULL} condition with {@link NullHandler#INCLUDE} (a null nested object gives one
 * {@code IS_NULL} on its own path, its properties are not visited);</li>
 * <li><b>a String</b>: by the path's {@link ExampleMatcher.StringMatcher}: {@code DEFAULT} and
 * {@code EXACT} = equality ({@code SIMPLE_PROPERTY}, answered from the index when the property is
 * {@code @Indexed} and case matters), {@code STARTING} = {@code STARTING_WITH} (from the index
 * too), {@code ENDING} = {@code ENDING_WITH}, {@code CONTAINING} = {@code CONTAINING},
 * {@code REGEX} = the value as a {@link Pattern} that must be <em>found</em> in the property's
 * string (anchor it with {@code ^...$} for a whole match, as in MongoDB); ignore-case (global or
 * per path) applies to all five, and an ignore-case condition is never answered from an index;</li>
 * <li><b>a nested object</b> (a type the mapping context maps as an entity, i.e. not a simple
 * type): its properties are visited under {@code path.}, with the same rules (a mapping context
 * that does not know the type, e.g. a strict one, gives way to the object's non-static,
 * non-transient fields); an object met again on its own path fails with
 * {@link InvalidDataAccessApiUsageException} (cyclic reference);</li>
 * <li><b>a Collection</b>: an empty one is skipped (whatever the null handler says), a non-empty one
 * requires the property to contain every non-null element (each an equality condition, so an
 * {@code @Indexed} collection property is answered from its index; String elements ignore case
 * when the path does, other string matchers do not apply to elements; other elements compare with
 * {@code equals});</li>
 * <li><b>a Map</b>: an empty one is skipped; each entry of a non-empty one is visited as the
 * property {@code path.key}, i.e. the stored map must hold the key with a matching value (keys
 * must be non-empty Strings without dots, else {@link InvalidDataAccessApiUsageException});</li>
 * <li><b>an array</b>: an empty one is skipped; a non-empty one fails with
 * {@link InvalidDataAccessApiUsageException} (ignore the path, or use a collection);</li>
 * <li><b>any other value</b> (numbers, booleans, enums, dates, UUIDs...): equality. Primitive
 * properties always have a value, so a probe's {@code int} 0 or {@code boolean} false is matched,
 * as in every Spring Data store: ignore such paths with {@code withIgnorePaths} when they are not
 * part of the example. The id property is matched like any other when set.</li>
 * </ul>
 * {@link ExampleMatcher#isAllMatching() ALL} matching ANDs every condition; ANY matching ORs the
 * properties (each leaf property, nested ones and map entries included, is one alternative; the
 * elements of one collection stay one AND-ed alternative). A probe with no condition gives null:
 * everything matches.
 *
 * <p>The probe's type is not part of the criteria: {@link LsmQueryByExampleExecutor} restricts
 * results to it.
 */
public final class ExampleCriteria {

    private ExampleCriteria() {
    }

    /**
     * The criteria of {@code example}, or null when it sets no condition (it matches every entity).
     *
     * @throws InvalidDataAccessApiUsageException for a probe this store cannot match (non-empty
     *         arrays, map keys that are not simple names, cyclic references, invalid regular
     *         expressions)
     */
    public static @Nullable LsmCriteria of(Example<?> example, MappingContext<?, ?> mappingContext) {
        Assert.notNull(example, "Example must not be null");
        Assert.notNull(mappingContext, "MappingContext must not be null");
        Walker walker = new Walker(new ExampleMatcherAccessor(example.getMatcher()), mappingContext);
        Object probe = example.getProbe();
        walker.ancestors.push(probe);
        walker.walkProperties("", probe);
        return combine(walker.groups, example.getMatcher().isAllMatching());
    }

    private static @Nullable LsmCriteria combine(List<List<Condition>> groups, boolean all) {
        LsmCriteria result = null;
        if (all) {
            for (List<Condition> group : groups) {
                for (Condition c : group) {
                    result = result == null ? LsmCriteria.of(c) : result.and(c);
                }
            }
            return result;
        }
        for (List<Condition> group : groups) {
            LsmCriteria conjunct = null;
            for (Condition c : group) {
                conjunct = conjunct == null ? LsmCriteria.of(c) : conjunct.and(c);
            }
            result = result == null ? conjunct : result.or(conjunct);
        }
        return result;
    }

    /** Visits a probe, collecting one group (an AND of conditions) per matched property. */
    private static final class Walker {
        private final ExampleMatcherAccessor accessor;
        private final MappingContext<?, ?> mappingContext;
        private final List<List<Condition>> groups = new ArrayList<>();
        /** The objects on the current path, by identity. */
        private final Deque<Object> ancestors = new ArrayDeque<>();

        Walker(ExampleMatcherAccessor accessor, MappingContext<?, ?> mappingContext) {
            this.accessor = accessor;
            this.mappingContext = mappingContext;
        }

        void walkProperties(String prefix, Object bean) {
            Class<?> type = ClassUtils.getUserClass(bean);
            PersistentEntity<?, ?> entity = entityOrNull(type);
            if (entity != null) {
                PersistentPropertyAccessor<Object> values = entity.getPropertyAccessor(bean);
                entity.doWithProperties((SimplePropertyHandler) property ->
                        visit(prefix + property.getName(), read(values, property)));
                return;
            }
            for (Field field : fields(type)) {
                Object value;
                try {
                    value = field.get(bean);
                } catch (IllegalAccessException e) {
                    throw new InvalidDataAccessApiUsageException("cannot read '" + prefix + field.getName()
                            + "' of the example probe: " + e.getMessage(), e);
                }
                visit(prefix + field.getName(), value);
            }
        }

        private static @Nullable Object read(PersistentPropertyAccessor<Object> values, PersistentProperty<?> property) {
            return values.getProperty(property);
        }

        private void visit(String path, @Nullable Object raw) {
            if (accessor.isIgnoredPath(path)) {
                return;
            }
            Optional<Object> transformed = accessor.getValueTransformerForPath(path).apply(Optional.ofNullable(raw));
            Object value = transformed == null ? null : transformed.orElse(null);
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            if (value == null) {
                if (accessor.getNullHandler() == NullHandler.INCLUDE) {
                    add(List.of(condition(path, Part.Type.IS_NULL, List.of(), false)));
                }
                return;
            }
            if (value instanceof String s) {
                add(List.of(stringCondition(path, s)));
            } else if (value instanceof Collection<?> collection) {
                collection(path, collection);
            } else if (value instanceof Map<?, ?> map) {
                map(path, map);
            } else if (value.getClass().isArray()) {
                if (java.lang.reflect.Array.getLength(value) > 0) {
                    throw new InvalidDataAccessApiUsageException("the example probe sets the array property '" + path
                            + "', which Query by Example cannot match in the lsm store: ignore the path"
                            + " (ExampleMatcher.withIgnorePaths) or use a collection");
                }
            } else if (isNested(value)) {
                nested(path, value);
            } else {
                add(List.of(condition(path, Part.Type.SIMPLE_PROPERTY, List.of(value), false)));
            }
        }

        private Condition stringCondition(String path, String value) {
            boolean ignoreCase = accessor.isIgnoreCaseForPath(path);
            ExampleMatcher.StringMatcher matcher = accessor.getStringMatcherForPath(path);
            return switch (matcher) {
                case DEFAULT, EXACT -> condition(path, Part.Type.SIMPLE_PROPERTY, List.of(value), ignoreCase);
                case STARTING -> condition(path, Part.Type.STARTING_WITH, List.of(value), ignoreCase);
                case ENDING -> condition(path, Part.Type.ENDING_WITH, List.of(value), ignoreCase);
                case CONTAINING -> condition(path, Part.Type.CONTAINING, List.of(value), ignoreCase);
                case REGEX -> condition(path, Part.Type.REGEX, List.of(pattern(path, value, ignoreCase)), ignoreCase);
            };
        }

        private static Pattern pattern(String path, String regex, boolean ignoreCase) {
            try {
                return Pattern.compile(regex, ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw new InvalidDataAccessApiUsageException("the example probe's value of '" + path
                        + "' is not a valid regular expression: " + e.getMessage(), e);
            }
        }

        private void collection(String path, Collection<?> collection) {
            boolean ignoreCase = accessor.isIgnoreCaseForPath(path);
            Set<Object> elements = new LinkedHashSet<>();
            for (Object element : collection) {
                if (element != null) {
                    elements.add(element);
                }
            }
            List<Condition> group = new ArrayList<>(elements.size());
            for (Object element : elements) {
                group.add(condition(path, Part.Type.SIMPLE_PROPERTY, List.of(element), ignoreCase && element instanceof String));
            }
            if (!group.isEmpty()) {
                add(group);
            }
        }

        private void map(String path, Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || key.isEmpty() || key.indexOf('.') >= 0) {
                    throw new InvalidDataAccessApiUsageException("the example probe's map property '" + path
                            + "' has the key '" + entry.getKey() + "': Query by Example matches map entries by"
                            + " the path 'map.key', so keys must be non-empty Strings without dots; ignore the path"
                            + " (ExampleMatcher.withIgnorePaths) to leave the map out");
                }
                visit(path + "." + key, entry.getValue());
            }
        }

        private void nested(String path, Object value) {
            for (Object ancestor : ancestors) {
                if (ancestor == value) {
                    throw new InvalidDataAccessApiUsageException("the example probe's path '" + path
                            + "' leads back to an object on its own path (a cyclic reference); ignore the path"
                            + " (ExampleMatcher.withIgnorePaths)");
                }
            }
            ancestors.push(value);
            try {
                walkProperties(path + ".", value);
            } finally {
                ancestors.pop();
            }
        }

        private void add(List<Condition> group) {
            groups.add(group);
        }

        private static Condition condition(String path, Part.Type type, List<Object> args, boolean ignoreCase) {
            return new Condition(path, type, args, ignoreCase);
        }

        /** True iff {@code value} is an object whose properties are matched one by one. */
        private boolean isNested(Object value) {
            Class<?> type = ClassUtils.getUserClass(value);
            if (isSimple(type)) {
                return false;
            }
            try {
                return mappingContext.getPersistentEntity(type) != null;
            } catch (MappingException | IllegalArgumentException e) {
                return true; // a type the (strict) context does not know: its fields are walked
            }
        }

        private @Nullable PersistentEntity<?, ?> entityOrNull(Class<?> type) {
            try {
                return mappingContext.getPersistentEntity(type);
            } catch (MappingException | IllegalArgumentException e) {
                return null;
            }
        }

        /** Types compared as one value even when a mapping context would map them. */
        private static boolean isSimple(Class<?> type) {
            return ClassUtils.isPrimitiveOrWrapper(type) || type.isEnum() || Enum.class.isAssignableFrom(type)
                    || CharSequence.class.isAssignableFrom(type) || Number.class.isAssignableFrom(type)
                    || Date.class.isAssignableFrom(type) || TemporalAccessor.class.isAssignableFrom(type)
                    || UUID.class == type || Class.class == type || type.getName().startsWith("java.")
                    || type.getName().startsWith("javax.");
        }

        /** The non-static, non-transient fields of {@code type} and its superclasses, superclass first. */
        private static List<Field> fields(Class<?> type) {
            Deque<Class<?>> hierarchy = new ArrayDeque<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                hierarchy.push(c);
            }
            List<Field> out = new ArrayList<>();
            for (Class<?> c : hierarchy) {
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()
                            || f.isAnnotationPresent(Transient.class)) {
                        continue;
                    }
                    if (!f.trySetAccessible()) {
                        throw new InvalidDataAccessApiUsageException("cannot read field '" + f.getName() + "' of "
                                + c.getName() + " in the example probe");
                    }
                    out.add(f);
                }
            }
            return out;
        }
    }
}
