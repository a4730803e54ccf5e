package dev.lsmkv.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.keyvalue.core.IdentifierGenerator;
import org.springframework.data.keyvalue.core.KeyValuePersistenceExceptionTranslator;
import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.event.KeyValueEvent;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentProperty;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.util.ClassUtils;

/**
 * A {@link KeyValueTemplate} over an {@link LsmKeyValueAdapter} that uses what the store can do
 * better than the generic template, with the same events and results:
 * <ul>
 * <li>{@link #insert(Object)} is atomic (the generic template checks, then puts) and returns the
 * entity with its generated id, also for records and other immutable types (the generic template
 * returns the object it was given, id still null);</li>
 * <li>{@link #update(Object, Object)} does not read the entity it replaces unless an
 * {@code AfterUpdateEvent} listener asks for it ({@code before()} is decoded on demand);</li>
 * <li>{@link #insertOrUpdateAll} and {@link #deleteAllById} write many entities as atomic batches
 * (one WAL record, one fsync each), for the repositories' {@code saveAll} and {@code deleteAll}.</li>
 * </ul>
 */
public class LsmKeyValueTemplate extends KeyValueTemplate {

    private static final PersistenceExceptionTranslator TRANSLATOR = new KeyValuePersistenceExceptionTranslator();

    private final LsmKeyValueAdapter adapter;
    private final MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> mappingContext;
    private final IdentifierGenerator identifierGenerator;
    private @Nullable ApplicationEventPublisher publisher;
    private boolean publishEvents = true;
    @SuppressWarnings("rawtypes")
    private Set<Class<? extends KeyValueEvent>> eventTypes = Set.of();

    public LsmKeyValueTemplate(LsmKeyValueAdapter adapter) {
        this(adapter, new KeyValueMappingContext<>());
    }

    public LsmKeyValueTemplate(LsmKeyValueAdapter adapter,
            MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> mappingContext) {
        this(adapter, mappingContext, DEFAULT_IDS);
    }

    /**
     * Spring Data KeyValue's default id policy (its generator is not public): random {@code UUID}s,
     * their strings for {@code String} ids, random {@code Long}/{@code Integer} from a SecureRandom.
     */
    private static final IdentifierGenerator DEFAULT_IDS = new IdentifierGenerator() {
        private final java.security.SecureRandom random = new java.security.SecureRandom();

        @Override
        @SuppressWarnings("unchecked")
        public <I> I generateIdentifierOfType(org.springframework.data.core.TypeInformation<I> identifierType) {
            Class<?> type = identifierType.getType();
            if (ClassUtils.isAssignable(java.util.UUID.class, type)) {
                return (I) java.util.UUID.randomUUID();
            } else if (ClassUtils.isAssignable(String.class, type)) {
                return (I) java.util.UUID.randomUUID().toString();
            } else if (ClassUtils.isAssignable(Integer.class, type)) {
                return (I) Integer.valueOf(random.nextInt());
            } else if (ClassUtils.isAssignable(Long.class, type)) {
                return (I) Long.valueOf(random.nextLong());
            }
            throw new org.springframework.dao.InvalidDataAccessApiUsageException("Identifier cannot be generated for "
                    + type.getName() + "; Supported types are: UUID, String, Integer, and Long");
        }
    };

    public LsmKeyValueTemplate(LsmKeyValueAdapter adapter,
            MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> mappingContext,
            IdentifierGenerator identifierGenerator) {
        super(adapter, mappingContext, identifierGenerator);
        this.adapter = adapter;
        this.mappingContext = mappingContext;
        this.identifierGenerator = identifierGenerator;
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
        super.setApplicationEventPublisher(applicationEventPublisher);
        this.publisher = applicationEventPublisher;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void setEventTypesToPublish(Set<Class<? extends KeyValueEvent>> eventTypesToPublish) {
        super.setEventTypesToPublish(eventTypesToPublish);
        this.publishEvents = eventTypesToPublish != null && !eventTypesToPublish.isEmpty();
        this.eventTypes = publishEvents ? Set.copyOf(eventTypesToPublish) : Set.of();
    }

    // ------------------------------------------------------------------ single entities

    @Override
    public <T> T insert(T objectToInsert) {
        Object[] idAndEntity = withGeneratedId(objectToInsert);
        return insert(idAndEntity[0], uncheckedCast(idAndEntity[1]));
    }

    @Override
    public <T> T insert(Object id, T objectToInsert) {
        if (id == null || objectToInsert == null) {
            throw new IllegalArgumentException("id and object to insert must not be null");
        }
        String keyspace = keyspace(objectToInsert.getClass());
        publish(KeyValueEvent.beforeInsert(id, keyspace, objectToInsert.getClass(), objectToInsert));
        T withId = uncheckedCast(LsmKeyValueAdapter.withId(mappingContext, objectToInsert, id));
        T stored = uncheckedCast(translated(() -> adapter.insert(id, withId, keyspace)));
        publish(KeyValueEvent.afterInsert(id, keyspace, stored.getClass(), stored));
        return stored;
    }

    @Override
    public <T> T update(Object id, T objectToUpdate) {
        if (id == null || objectToUpdate == null) {
            throw new IllegalArgumentException("id and object to update must not be null");
        }
        String keyspace = keyspace(objectToUpdate.getClass());
        publish(KeyValueEvent.beforeUpdate(id, keyspace, objectToUpdate.getClass(), objectToUpdate));
        if (wants(KeyValueEvent.AfterUpdateEvent.class)) {
            Supplier<Object> before = translated(() -> adapter.replace(id, objectToUpdate, keyspace));
            publish(new LazyAfterUpdateEvent<>(id, keyspace, objectToUpdate, before));
        } else {
            translated(() -> {
                adapter.store(id, objectToUpdate, keyspace);
                return null;
            });
        }
        return objectToUpdate;
    }

    /** As the generic template's, with the keyspace looked up once per class. */
    @Override
    public <T> java.util.Optional<T> findById(Object id, Class<T> type) {
        if (id == null) {
            throw new IllegalArgumentException("Id for object to be found must not be null");
        }
        if (type == null) {
            throw new IllegalArgumentException("Type to fetch must not be null");
        }
        String keyspace = keyspace(type);
        publish(KeyValueEvent.beforeGet(id, keyspace, type));
        T result = translated(() -> {
            Object value = adapter.get(id, keyspace, type);
            return value == null || ClassUtils.isAssignable(type, value.getClass()) ? type.cast(value) : null;
        });
        publish(KeyValueEvent.afterGet(id, keyspace, type, result));
        return java.util.Optional.ofNullable(result);
    }

    /**
     * Deletes the entity {@code id} of {@code type}, reading it back only for an
     * {@code AfterDeleteEvent} listener that asks; true iff it existed.
     */
    public boolean deleteById(Object id, Class<?> type) {
        if (id == null || type == null) {
            throw new IllegalArgumentException("id and type must not be null");
        }
        String keyspace = keyspace(type);
        publish(KeyValueEvent.beforeDelete(id, keyspace, type));
        if (wants(KeyValueEvent.AfterDeleteEvent.class)) {
            @SuppressWarnings("unchecked")
            Class<Object> asType = (Class<Object>) type;
            Supplier<Object> deleted = translated(() -> adapter.deleteLazily(id, keyspace, asType));
            publish(new LazyAfterDeleteEvent<>(id, keyspace, asType, deleted));
            return deleted != null;
        }
        return Boolean.TRUE.equals(translated(() -> adapter.remove(id, keyspace)));
    }

    /**
     * As the generic template's (the matches that are {@code type}s, in a new list), with the keyspace
     * looked up once per class: every derived query, sorted {@code findAll} and page passes here.
     */
    @Override
    public <T> Iterable<T> find(org.springframework.data.keyvalue.core.query.KeyValueQuery<?> query, Class<T> type) {
        String keyspace = keyspace(type);
        return translated(() -> {
            Iterable<T> result = adapter.find(query, keyspace, type);
            List<T> filtered = result instanceof Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
            for (Object candidate : result) {
                if (candidate == null || ClassUtils.isAssignable(type, candidate.getClass())) {
                    filtered.add(type.cast(candidate));
                }
            }
            return filtered;
        });
    }

    /** Counts {@code type}s matching {@code query}: a subtype repository's {@code countBy} reads subtype properties. */
    @Override
    public long count(org.springframework.data.keyvalue.core.query.KeyValueQuery<?> query, Class<?> type) {
        String keyspace = keyspace(type);
        return translated(() -> adapter.count(query, keyspace, type));
    }

    @Override
    public boolean exists(org.springframework.data.keyvalue.core.query.KeyValueQuery<?> query, Class<?> type) {
        String keyspace = keyspace(type);
        return translated(() -> adapter.exists(query, keyspace, type));
    }

    // ------------------------------------------------------------------ many entities

    /**
     * Saves {@code entities} of {@code type}: those flagged new are inserted (an existing id fails
     * its chunk with a {@code DuplicateKeyException}), the others replace what is stored. Written in
     * atomic batches of {@value LsmKeyValueAdapter#BULK_CHUNK}; events as for single saves. Returns
     * the entities as stored, generated ids set.
     */
    public <T> List<T> insertOrUpdateAll(List<T> entities, List<Boolean> isNew, Class<?> type) {
        String keyspace = keyspace(type);
        List<Map.Entry<Object, Object>> writes = new ArrayList<>(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            T entity = entities.get(i);
            if (entity == null) {
                throw new IllegalArgumentException("entity " + i + " of saveAll is null");
            }
            Object[] idAndEntity = isNew.get(i) ? withGeneratedId(entity) : new Object[] {requiredId(entity), entity};
            writes.add(Map.entry(idAndEntity[0], idAndEntity[1]));
        }
        boolean needPrevious = wants(KeyValueEvent.AfterUpdateEvent.class) && isNew.contains(Boolean.FALSE);
        for (int i = 0; i < writes.size(); i++) {
            Map.Entry<Object, Object> w = writes.get(i);
            publish(isNew.get(i) ? KeyValueEvent.beforeInsert(w.getKey(), keyspace, w.getValue().getClass(), w.getValue())
                    : KeyValueEvent.beforeUpdate(w.getKey(), keyspace, w.getValue().getClass(), w.getValue()));
        }
        List<Supplier<Object>> previous = needPrevious ? new ArrayList<>(writes.size()) : null;
        List<Object> stored = translated(() -> adapter.putAll(writes, isNew, keyspace, previous));
        List<T> out = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            Object e = stored.get(i);
            Object id = writes.get(i).getKey();
            publish(isNew.get(i) ? KeyValueEvent.afterInsert(id, keyspace, e.getClass(), e)
                    : new LazyAfterUpdateEvent<>(id, keyspace, e, previous == null ? null : previous.get(i)));
            out.add(uncheckedCast(e));
        }
        return out;
    }

    /** Deletes the entities {@code ids} of {@code type} in atomic batches; events as for single deletes. */
    public void deleteAllById(Collection<?> ids, Class<?> type) {
        String keyspace = keyspace(type);
        ids.forEach(id -> publish(KeyValueEvent.beforeDelete(id, keyspace, type)));
        boolean wantDeleted = wants(KeyValueEvent.AfterDeleteEvent.class);
        List<Supplier<Object>> deleted = wantDeleted ? new ArrayList<>(ids.size()) : null;
        @SuppressWarnings("unchecked")
        Class<Object> asType = (Class<Object>) type;
        translated(() -> {
            adapter.deleteAll(ids, keyspace, asType, deleted);
            return null;
        });
        if (wantDeleted) {
            int i = 0;
            for (Object id : ids) {
                Supplier<Object> d = deleted.get(i++);
                publish(new LazyAfterDeleteEvent<>(id, keyspace, asType, d));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The id of {@code entity}, generated and set (a new instance for immutable types) when it has none. */
    private Object[] withGeneratedId(Object entity) {
        KeyValuePersistentEntity<?, ?> persistentEntity = mappingContext.getRequiredPersistentEntity(ClassUtils.getUserClass(entity));
        KeyValuePersistentProperty<?> idProperty = persistentEntity.getRequiredIdProperty();
        Object id = persistentEntity.getPropertyAccessor(entity).getProperty(idProperty);
        if (id != null) {
            return new Object[] {id, entity};
        }
        id = identifierGenerator.generateIdentifierOfType(idProperty.getTypeInformation());
        return new Object[] {id, LsmKeyValueAdapter.withId(mappingContext, entity, id)};
    }


    private Object requiredId(Object entity) {
        KeyValuePersistentEntity<?, ?> persistentEntity = mappingContext.getRequiredPersistentEntity(ClassUtils.getUserClass(entity));
        return persistentEntity.getIdentifierAccessor(entity).getRequiredIdentifier();
    }

    /**
     * The keyspace of {@code type}, asked of the mapping context once per class: the context's
     * lookup (a type-information cache, then its entity map) was about a tenth of a save's and a
     * findById's time in CustomerBench's profile, and a class's keyspace does not change.
     */
    private String keyspace(Class<?> type) {
        return keyspaces.get(type);
    }

    private final ClassValue<String> keyspaces = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String keyspace = mappingContext.getRequiredPersistentEntity(ClassUtils.getUserClass(type)).getKeySpace();
            if (keyspace == null) {
                throw new IllegalStateException("no keyspace for " + type.getName());
            }
            return keyspace;
        }
    };

    @SuppressWarnings("rawtypes")
    private boolean wants(Class<? extends KeyValueEvent> event) {
        return publisher != null && publishEvents && (eventTypes.isEmpty() || eventTypes.contains(event));
    }

    @SuppressWarnings("rawtypes")
    private void publish(KeyValueEvent event) {
        if (publisher != null && publishEvents && (eventTypes.isEmpty() || eventTypes.contains(event.getClass())
                || (event instanceof LazyAfterUpdateEvent && eventTypes.contains(KeyValueEvent.AfterUpdateEvent.class))
                || (event instanceof LazyAfterDeleteEvent && eventTypes.contains(KeyValueEvent.AfterDeleteEvent.class)))) {
            publisher.publishEvent(event);
        }
    }

    private static <R> R translated(Supplier<R> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            DataAccessException translated = TRANSLATOR.translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T uncheckedCast(Object o) {
        return (T) o;
    }

    /** An {@code AfterDeleteEvent} whose payload (the deleted entity) is decoded only when asked. */
    static final class LazyAfterDeleteEvent<T> extends KeyValueEvent.AfterDeleteEvent<T> {
        private static final long serialVersionUID = 1L;
        private final transient @Nullable Supplier<T> deleted;

        LazyAfterDeleteEvent(Object id, String keyspace, Class<T> type, @Nullable Supplier<T> deleted) {
            super(id, keyspace, type, null);
            this.deleted = deleted;
        }

        @Override
        public @Nullable T getPayload() {
            return deleted == null ? null : deleted.get();
        }
    }

    /** An {@code AfterUpdateEvent} whose {@code before()} is read from the store only when asked. */
    static final class LazyAfterUpdateEvent<T> extends KeyValueEvent.AfterUpdateEvent<T> {
        private static final long serialVersionUID = 1L;
        private final transient @Nullable Supplier<Object> before;

        @SuppressWarnings("unchecked")
        LazyAfterUpdateEvent(Object id, String keyspace, T actual, @Nullable Supplier<Object> before) {
            super(id, keyspace, (Class<? extends T>) actual.getClass(), actual, null);
            this.before = before;
        }

        @Override
        public @Nullable Object before() {
            return before == null ? null : before.get();
        }
    }
}
