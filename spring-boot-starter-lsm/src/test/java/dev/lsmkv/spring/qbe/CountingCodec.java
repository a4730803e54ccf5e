package dev.lsmkv.spring.qbe;

import dev.lsmkv.spring.core.EntityCodec;
import dev.lsmkv.spring.core.JacksonEntityCodec;
import java.util.concurrent.atomic.AtomicLong;

/** The JSON codec, counting the entities it decodes (to see whether a query read an index or scanned). */
public final class CountingCodec implements EntityCodec {

    private final EntityCodec delegate = JacksonEntityCodec.json();
    private final AtomicLong decodes = new AtomicLong();

    @Override
    public byte id() {
        return delegate.id();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public byte[] encode(Object entity) {
        return delegate.encode(entity);
    }

    @Override
    public <T> T decode(byte[] payload, int offset, int length, Class<T> type) {
        decodes.incrementAndGet();
        return delegate.decode(payload, offset, length, type);
    }

    public long decodes() {
        return decodes.get();
    }

    public void reset() {
        decodes.set(0);
    }
}
