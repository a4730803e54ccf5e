package dev.lsmkv.spring.issues;

import dev.lsmkv.spring.core.EntityCodec;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import java.util.concurrent.atomic.AtomicLong;

/** The JSON codec (same id), counting how many entities it decodes. */
final class CountingCodec implements EntityCodec {
    private final EntityCodec json = JacksonEntityCodec.json();
    final AtomicLong decodes = new AtomicLong();

    @Override
    public byte id() {
        return json.id();
    }

    @Override
    public String name() {
        return "counting-json";
    }

    @Override
    public byte[] encode(Object entity) {
        return json.encode(entity);
    }

    @Override
    public <T> T decode(byte[] payload, int offset, int length, Class<T> type) {
        decodes.incrementAndGet();
        return json.decode(payload, offset, length, type);
    }
}
