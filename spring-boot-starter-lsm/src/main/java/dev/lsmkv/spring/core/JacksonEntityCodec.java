package dev.lsmkv.spring.core;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link EntityCodec} over a Jackson 3 {@link ObjectMapper}, with no default typing: the class
 * to read is the caller's, so a payload cannot choose what gets instantiated.
 *
 * <p>The default mapper ({@link #json()}) is the starter's own, not the application's
 * {@code JsonMapper} bean: customising web JSON (naming strategy, dates) must not silently
 * change how stored data reads. It maps fields of any visibility (like Spring Data's field-based
 * mapping), ignores unknown properties (so adding or removing a field keeps old data readable)
 * and writes java.time values as ISO strings.
 */
public final class JacksonEntityCodec implements EntityCodec {

    /** Codec id of JSON payloads. ON-DISK: never change. */
    public static final byte JSON_ID = 1;

    private final byte id;
    private final String name;
    private final ObjectMapper mapper;

    public JacksonEntityCodec(byte id, String name, ObjectMapper mapper) {
        this.id = id;
        this.name = name;
        this.mapper = mapper;
    }

    /** The default JSON codec. */
    public static JacksonEntityCodec json() {
        JsonMapper mapper = JsonMapper.builder()
                .changeDefaultVisibility(v -> v
                        .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
        return new JacksonEntityCodec(JSON_ID, "json", mapper);
    }

    @Override
    public byte id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] encode(Object entity) {
        return mapper.writeValueAsBytes(entity);
    }

    @Override
    public <T> T decode(byte[] payload, int offset, int length, Class<T> type) {
        return mapper.readValue(payload, offset, length, type);
    }
}
