package dev.lsmkv.engine.tool;

import dev.lsmkv.engine.base.EntryKind;
import dev.lsmkv.engine.base.InternalKey;
import dev.lsmkv.engine.base.TtlValue;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the dumps print keys and values: the caller chooses (UTF-8, hex, JSON...), this class
 * lays out one internal entry on one line:
 *
 * <pre>
 * KEY @SEQ PUT = VALUE
 * KEY @SEQ PUT_WITH_TTL expires 2026-12-07T03:00:00Z [expired] = VALUE
 * KEY @SEQ DELETE
 * </pre>
 *
 * @param key       formats a user key
 * @param value     formats a user value (without the TTL header)
 * @param nowMillis entries expiring at or before this instant are marked {@code [expired]}
 */
public record EntryFormat(Function<byte[], String> key, Function<byte[], String> value, long nowMillis) {

    public EntryFormat {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** One line for the entry with internal key {@code internalKey} and stored value {@code stored}. */
    public String describe(byte[] internalKey, byte[] stored) {
        if (!InternalKey.isWellFormed(internalKey)) {
            return "malformed internal key " + InternalKey.describe(internalKey);
        }
        EntryKind kind = InternalKey.kind(internalKey);
        return describe(InternalKey.userKey(internalKey), InternalKey.sequence(internalKey), kind, stored);
    }

    /** One line for an entry given by its parts (a WAL op). */
    public String describe(byte[] userKey, long sequence, EntryKind kind, byte[] stored) {
        StringBuilder sb = new StringBuilder();
        sb.append(key.apply(userKey)).append(" @").append(sequence).append(' ').append(kind);
        if (kind == EntryKind.DELETE) {
            return sb.toString();
        }
        if (kind == EntryKind.PUT_WITH_TTL) {
            if (stored.length < TtlValue.HEADER_SIZE) {
                return sb.append(" malformed: value of ").append(stored.length).append(" bytes has no TTL header").toString();
            }
            long expiresAt = TtlValue.expiresAt(stored);
            sb.append(" expires ").append(expiry(expiresAt));
            if (expiresAt <= nowMillis) {
                sb.append(" [expired]");
            }
        }
        return sb.append(" = ").append(value.apply(TtlValue.userValue(kind, stored))).toString();
    }

    /** An absolute expiry in epoch millis as an ISO-8601 instant (UTC), "never" for Long.MAX_VALUE. */
    public static String expiry(long epochMillis) {
        if (epochMillis == Long.MAX_VALUE) {
            return "never";
        }
        try {
            return Instant.ofEpochMilli(epochMillis).toString();
        } catch (java.time.DateTimeException e) {
            return epochMillis + "ms";
        }
    }
}
