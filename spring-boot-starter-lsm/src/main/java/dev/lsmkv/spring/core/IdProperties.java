package dev.lsmkv.spring.core;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.annotation.Id;

/** Finds the name of an entity's id property: the field annotated {@code @Id}, else "id". */
final class IdProperties {

    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Class<?>> TYPES = new ConcurrentHashMap<>();

    private IdProperties() {
    }

    static String name(Class<?> type) {
        return NAMES.computeIfAbsent(type, IdProperties::find);
    }

    /** The declared type of the id property, or null when there is no such field. */
    static Class<?> type(Class<?> type) {
        Class<?> found = TYPES.computeIfAbsent(type, t -> {
            String name = name(t);
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(name)) {
                        return f.getType();
                    }
                }
            }
            return Void.class;
        });
        return found == Void.class ? null : found;
    }

    private static String find(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Id.class)) {
                    return f.getName();
                }
            }
        }
        return "id";
    }
}
