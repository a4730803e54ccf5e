package dev.lsmkv.spring.core;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads dotted property paths ({@code address.city}) from entities: a field of that name if
 * there is one (any visibility, records included), else a getter or record accessor. Thread-safe;
 * member lookups are cached per class and name.
 */
final class PropertyPaths {

    private static final Map<Class<?>, Map<String, Object>> MEMBERS = new ConcurrentHashMap<>();
    private static final Object NONE = new Object();

    private PropertyPaths() {
    }

    /** The value at {@code path} of {@code entity}; null when a step is null or absent. */
    static Object read(Object entity, String path) {
        if (path.indexOf('.') < 0) {
            return entity == null ? null : readOne(entity, path); // a top-level property: no substrings
        }
        Object current = entity;
        int start = 0;
        while (current != null) {
            int dot = path.indexOf('.', start);
            String name = dot < 0 ? path.substring(start) : path.substring(start, dot);
            current = readOne(current, name);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
        return null;
    }

    static Object readField(Field field, Object entity) {
        try {
            return field.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read field " + field, e);
        }
    }

    private static Object readOne(Object bean, String name) {
        if (bean instanceof Map<?, ?> map) {
            return map.get(name);
        }
        Map<String, Object> members = MEMBERS.get(bean.getClass());
        Object member = members == null ? null : members.get(name);
        if (member == null) {
            member = MEMBERS.computeIfAbsent(bean.getClass(), c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(name, n -> find(bean.getClass(), n));
        }
        try {
            if (member instanceof Field f) {
                return f.get(bean);
            }
            if (member instanceof Method m) {
                return m.invoke(bean);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read property '" + name + "' of " + bean.getClass().getName(), e);
        }
        throw new IllegalArgumentException("no property '" + name + "' on " + bean.getClass().getName());
    }

    private static Object find(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (f.trySetAccessible()) {
                    return f;
                }
            } catch (NoSuchFieldException ignored) {
                // try the superclass, then accessors
            }
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : new String[] {"get" + cap, "is" + cap, name}) {
            try {
                Method m = type.getMethod(candidate);
                m.trySetAccessible();
                return m;
            } catch (NoSuchMethodException ignored) {
                // next candidate
            }
        }
        return NONE;
    }
}
