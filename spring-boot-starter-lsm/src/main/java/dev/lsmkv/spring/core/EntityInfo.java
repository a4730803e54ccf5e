package dev.lsmkv.spring.core;

import dev.lsmkv.spring.Indexed;
import dev.lsmkv.spring.TimeToLive;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the adapter needs to know about an entity class: its {@link Indexed} properties and its
 * {@link TimeToLive} member. Found once per class by reflection and cached; immutable.
 */
final class EntityInfo {

    private static final Map<Class<?>, EntityInfo> CACHE = new ConcurrentHashMap<>();

    /**
     * One indexed property: its name (the index path), the start of its index entries
     * ({@code path 0x00}, UTF-8; shared, never written to), how to read it, and the type of its
     * indexed values (the element type of a collection or array property, boxed).
     */
    record IndexedProperty(String path, byte[] entryPrefix, Field field, Class<?> valueType, boolean multiValued) {
        Object read(Object entity) {
            return PropertyPaths.readField(field, entity);
        }
    }

    private final List<IndexedProperty> indexed;
    private final Field ttlField;
    private final Method ttlMethod;

    private EntityInfo(List<IndexedProperty> indexed, Field ttlField, Method ttlMethod) {
        this.indexed = indexed;
        this.ttlField = ttlField;
        this.ttlMethod = ttlMethod;
    }

    static EntityInfo of(Class<?> type) {
        return CACHE.computeIfAbsent(type, EntityInfo::inspect);
    }

    List<IndexedProperty> indexed() {
        return indexed;
    }

    boolean hasIndexes() {
        return !indexed.isEmpty();
    }

    boolean isIndexed(String path) {
        for (IndexedProperty p : indexed) {
            if (p.path.equals(path)) {
                return true;
            }
        }
        return false;
    }

    /** The entity's own positive TTL, or null when it has none (null, zero or negative value). */
    Duration timeToLive(Object entity) {
        Object value;
        if (ttlField != null) {
            value = PropertyPaths.readField(ttlField, entity);
        } else if (ttlMethod != null) {
            try {
                value = ttlMethod.invoke(entity);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read @TimeToLive method " + ttlMethod, e);
            }
        } else {
            return null;
        }
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            if (seconds > 0) {
                return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
            }
        }
        return null;
    }

    /** The distinct index values of {@code entity}'s property (elements of a collection). */
    static Set<Object> indexValues(IndexedProperty property, Object entity) {
        Object value = property.read(entity);
        Set<Object> values = new LinkedHashSet<>();
        if (value instanceof Collection<?> c) {
            for (Object element : c) {
                if (element != null) {
                    values.add(element);
                }
            }
        } else if (value instanceof Object[] array) {
            for (Object element : array) {
                if (element != null) {
                    values.add(element);
                }
            }
        } else if (value != null) {
            values.add(value);
        }
        return values;
    }

    private static EntityInfo inspect(Class<?> type) {
        List<IndexedProperty> indexed = new ArrayList<>();
        Field ttlField = null;
        Method ttlMethod = null;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                if (f.isAnnotationPresent(Indexed.class) || hasMeta(f, Indexed.class)) {
                    f.trySetAccessible();
                    indexed.add(indexedProperty(f));
                }
                if (ttlField == null && (f.isAnnotationPresent(TimeToLive.class) || hasMeta(f, TimeToLive.class))) {
                    f.trySetAccessible();
                    ttlField = f;
                }
            }
            if (ttlField == null && ttlMethod == null) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getParameterCount() == 0 && m.isAnnotationPresent(TimeToLive.class)) {
                        m.trySetAccessible();
                        ttlMethod = m;
                    }
                }
            }
        }
        // A record component annotated @Indexed puts the annotation on the field too (target FIELD).
        return new EntityInfo(List.copyOf(indexed), ttlField, ttlMethod);
    }

    private static IndexedProperty indexedProperty(Field f) {
        Class<?> raw = f.getType();
        boolean multi = Collection.class.isAssignableFrom(raw) || raw.isArray();
        Class<?> valueType;
        if (raw.isArray()) {
            valueType = OrderedCodec.box(raw.getComponentType());
        } else if (multi) {
            Class<?> element = org.springframework.core.ResolvableType.forField(f).asCollection().resolveGeneric(0);
            valueType = element == null ? Object.class : element;
        } else {
            valueType = OrderedCodec.box(raw);
        }
        byte[] name = f.getName().getBytes(StandardCharsets.UTF_8);
        byte[] entryPrefix = java.util.Arrays.copyOf(name, name.length + 1); // + LsmKeys.SEPARATOR (0x00)
        return new IndexedProperty(f.getName(), entryPrefix, f, valueType, multi);
    }

    /** The paths of the indexed properties, in declaration order. */
    List<String> indexedPaths() {
        List<String> paths = new ArrayList<>(indexed.size());
        for (IndexedProperty p : indexed) {
            paths.add(p.path);
        }
        return paths;
    }

    /** The indexed property at {@code path}, or null. */
    IndexedProperty indexedProperty(String path) {
        for (IndexedProperty p : indexed) {
            if (p.path.equals(path)) {
                return p;
            }
        }
        return null;
    }

    /** True iff the class has a {@code @TimeToLive} member (its entities may expire). */
    boolean hasTimeToLive() {
        return ttlField != null || ttlMethod != null;
    }

    private static boolean hasMeta(Field f, Class<? extends java.lang.annotation.Annotation> meta) {
        for (var a : f.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(meta)) {
                return true;
            }
        }
        return false;
    }
}
