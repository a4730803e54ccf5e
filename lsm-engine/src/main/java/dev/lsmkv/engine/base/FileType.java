package dev.lsmkv.engine.base;

/** The kinds of file in an engine directory. */
public enum FileType {
    LOCK, CURRENT, MANIFEST, WAL, TABLE, TEMP
}
