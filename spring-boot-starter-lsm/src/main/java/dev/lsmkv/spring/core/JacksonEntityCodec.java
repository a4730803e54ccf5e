package dev.lsmkv.spring.core;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.ConstructorDetector;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

/**
 * An {@link EntityCodec} over a Jackson 3 {@link ObjectMapper}, with no default typing: the class
 * to read is the caller's, so a payload cannot choose what gets instantiated. Thread-safe.
 *
 * <p>The mappers of {@link #json()} and {@link #cbor()} are the starter's own, not the
 * application's {@code JsonMapper} bean: customising web JSON must not change how stored data
 * reads. They are built so that what is read back equals what was written:
 * <ol>
 *   <li><b>State is the fields.</b> An entity is stored as its fields of any visibility, its
 *       superclasses' included; getters and setters are not used, so a getter that computes or
 *       defaults a value, or a setter that normalises one, cannot change it. {@code transient}
 *       fields and Spring Data {@code @Transient} ones are not stored. Jackson annotations that
 *       drop data one way (web concerns such as {@code @JsonIgnore}) are not applied, see
 *       {@link StorageAnnotationIntrospector}.</li>
 *   <li><b>Reading.</b> In order: a constructor or factory marked {@code @JsonCreator} or
 *       {@code @PersistenceCreator}; a record's canonical constructor; a constructor without
 *       arguments, of any visibility, after which the fields are set directly (final ones
 *       included); else the one constructor whose parameter names are compiled in
 *       ({@code javac -parameters}, set by Spring Boot's parent). A class with none of these
 *       cannot be stored: the first {@link #encode} of each class reads its payload back and
 *       fails the save with what to add, instead of writing a value no one can read.</li>
 *   <li><b>Values.</b> Dates keep their offset and zone id (no adjustment to UTC, no zone
 *       normalisation), java.time values keep nanoseconds, {@code BigDecimal} keeps its scale,
 *       enums are stored by {@code name()} (not {@code toString()}, which may change or repeat),
 *       NaN and infinities are kept. Jackson's read limits on string, number and property-name
 *       length are lifted: the input is the application's own data, and a value that could be
 *       written must be readable.</li>
 * </ol>
 * Unknown properties are ignored when reading, so adding or removing a field keeps old data
 * readable. docs/spring.md (section 3, Mapping) lists what does not round-trip.
 */
public final class JacksonEntityCodec implements EntityCodec {

    /** Codec id of JSON payloads. ON-DISK: never change, never reuse. */
    public static final byte JSON_ID = 1;

    /** Codec id of CBOR (RFC 8949) payloads. ON-DISK: never change, never reuse. */
    public static final byte CBOR_ID = 2;

    /** Jackson's: nesting deeper than 500 fails the write. */
    private static final StreamWriteConstraints WRITE_CONSTRAINTS = StreamWriteConstraints.defaults();

    /**
     * Whatever was written must read: Jackson's default read limits (strings of 100M chars,
     * numbers of 1,000 digits, property names of 50,000 chars) are below what it writes. The
     * input is the application's own data, so they are lifted; nesting is the writer's limit.
     */
    private static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE)
            .maxNumberLength(Integer.MAX_VALUE)
            .maxNameLength(Integer.MAX_VALUE)
            .maxNestingDepth(WRITE_CONSTRAINTS.getMaxNestingDepth())
            .build();

    private final byte id;
    private final String name;
    private final ObjectMapper mapper;
    private final ClassValue<Binding> bindings = new ClassValue<>() {
        @Override
        protected Binding computeValue(Class<?> type) {
            return new Binding(mapper.readerFor(type), mapper.writerFor(type));
        }
    };

    /**
     * A codec writing {@code id} before payloads of {@code mapper}. To keep this class's
     * guarantees with a mapper of your own (for example one with an extra module), start from
     * {@link #jsonMapperBuilder()} or {@link #cborMapperBuilder()}.
     */
    public JacksonEntityCodec(byte id, String name, ObjectMapper mapper) {
        this.id = id;
        this.name = name;
        this.mapper = mapper;
    }

    /** The JSON codec (id {@value #JSON_ID}), the default. */
    public static JacksonEntityCodec json() {
        return new JacksonEntityCodec(JSON_ID, "json", jsonMapperBuilder().build());
    }

    /**
     * The CBOR codec (id {@value #CBOR_ID}): smaller payloads; much faster than JSON for numbers,
     * no faster for strings and dates (docs/spring.md 8.3 has the figures).
     */
    public static JacksonEntityCodec cbor() {
        return new JacksonEntityCodec(CBOR_ID, "cbor", cborMapperBuilder().build());
    }

    /** A JSON mapper builder configured as {@link #json()}'s. */
    public static JsonMapper.Builder jsonMapperBuilder() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(READ_CONSTRAINTS)
                .streamWriteConstraints(WRITE_CONSTRAINTS)
                // Pinned, not left to defaults: part of the stored format. NaN and infinities
                // go out as strings ("NaN"); an unpaired surrogate in a char or String is escaped.
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .build();
        return forStorage(JsonMapper.builder(factory));
    }

    /** A CBOR mapper builder configured as {@link #cbor()}'s. */
    public static CBORMapper.Builder cborMapperBuilder() {
        CBORFactory factory = CBORFactory.builder()
                .streamReadConstraints(READ_CONSTRAINTS)
                .streamWriteConstraints(WRITE_CONSTRAINTS)
                // Pinned, not left to defaults: part of the stored format. Strict UTF-8: an
                // unpaired surrogate fails the write instead of becoming U+FFFD.
                .enable(CBORWriteFeature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                .enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
                .disable(CBORWriteFeature.LENIENT_UTF_ENCODING)
                .disable(CBORWriteFeature.STRINGREF)
                .disable(CBORWriteFeature.WRITE_TYPE_HEADER)
                .build();
        return forStorage(CBORMapper.builder(factory));
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B forStorage(B builder) {
        return builder
                .annotationIntrospector(new StorageAnnotationIntrospector())
                .addModule(new SimpleModule("lsmkv-storage").setSerializerModifier(new RecordKeyGuard())
                        // the same ISO-8601 text as Jackson's, without DateTimeFormatter on the common path
                        .addSerializer(Instant.class, new IsoInstants.Serializer())
                        .addDeserializer(Instant.class, new IsoInstants.Deserializer()))
                .changeDefaultVisibility(v -> v
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.SETTER, Visibility.NONE)
                        .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
                        .withScalarConstructorVisibility(Visibility.ANY))
                // A constructor without arguments wins over one with arguments (as in Spring
                // Data): a convenience constructor whose parameters are not the fields must not
                // be used to read.
                .constructorDetector(ConstructorDetector.DEFAULT.withAllowImplicitWithDefaultConstructor(false))
                .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DateTimeFeature.NORMALIZE_DESERIALIZED_ZONE_ID)
                .disable(DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
                .enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DATE_KEYS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_WRITE)
                .disable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.WRITE_ENUMS_USING_INDEX)
                .disable(EnumFeature.WRITE_ENUM_KEYS_USING_INDEX)
                .disable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE);
    }

    @Override
    public byte id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The payload of {@code entity}. The first payload of each class is read back once; a class
     * that cannot be read fails here with {@link IllegalArgumentException}, before anything is
     * stored.
     */
    @Override
    public byte[] encode(Object entity) {
        Class<?> type = entity.getClass();
        Binding binding = bindings.get(type);
        byte[] payload = binding.writer.writeValueAsBytes(entity);
        if (!binding.readable) {
            try {
                binding.reader.readValue(payload);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("Cannot store a " + type.getName() + " with codec " + name
                        + ": it would not read back. " + advice(e), e);
            }
            binding.readable = true;
        }
        return payload;
    }

    /**
     * Reads a {@code type}. A class Jackson cannot create fails with
     * {@link IllegalStateException} naming it and what to add; other failures are Jackson's.
     */
    @Override
    public <T> T decode(byte[] payload, int offset, int length, Class<T> type) {
        try {
            return bindings.get(type).reader.readValue(payload, offset, length);
        } catch (DatabindException e) {
            if (!isCreatorProblem(e)) {
                throw e;
            }
            throw new IllegalStateException("Cannot read a stored " + type.getName() + " with codec " + name
                    + ". " + advice(e), e);
        }
    }

    private static boolean isCreatorProblem(JacksonException e) {
        String m = e.getOriginalMessage();
        return m != null && m.startsWith("Cannot construct instance of");
    }

    private static String advice(JacksonException e) {
        String first = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().lines().findFirst().orElse("");
        if (!isCreatorProblem(e)) {
            return "Jackson: " + first;
        }
        if (first.contains("abstract type")) {
            return "Jackson: " + first + ". Declare the field with a concrete class, or put @JsonTypeInfo on the"
                    + " abstract type so the concrete class is stored with the value.";
        }
        return "Jackson: " + first + ". Give the class a constructor without arguments (any visibility, e.g."
                + " a private one), or compile with -parameters (spring-boot-starter-parent does) so its one"
                + " constructor's parameter names are known and match the field names, or mark the constructor"
                + " or factory method to read with @PersistenceCreator or @JsonCreator.";
    }

    @Override
    public String toString() {
        return "JacksonEntityCodec[" + name + ", id " + id + "]";
    }

    /**
     * Refuses records as map keys. Jackson writes a key of a class of its own with
     * {@code toString()} and reads it with the class's String constructor: for a record that is
     * {@code "Sku[code=x]"} read back as {@code new Sku("Sku[code=x]")}, a silently different key.
     */
    private static final class RecordKeyGuard extends ValueSerializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueSerializer<?> modifyKeySerializer(SerializationConfig config, JavaType keyType,
                BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
            if (beanDesc.isRecordType() && beanDesc.get().findJsonValueAccessor() == null
                    && beanDesc.get().findJsonKeyAccessor() == null) {
                throw new IllegalArgumentException("Map keys of record type " + keyType.getRawClass().getName()
                        + " would be stored as their toString() and not read back. Use a String, number, enum,"
                        + " UUID or java.time key, or mark the record's accessor with @JsonValue (or @JsonKey)"
                        + " so the key is stored as that value.");
            }
            return serializer;
        }
    }

    /** A class's pre-built reader and writer (avoiding per-call lookups) and whether it reads back. */
    private static final class Binding {
        final ObjectReader reader;
        final ObjectWriter writer;
        volatile boolean readable;

        Binding(ObjectReader reader, ObjectWriter writer) {
            this.reader = reader;
            this.writer = writer;
        }
    }
}
