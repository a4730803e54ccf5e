package dev.lsmkv.engine;

/**
 * The unchecked exception every engine failure is reported with: a locked directory, an I/O
 * error, a background error that stopped writes, a format this version cannot read.
 *
 * <p>Messages say which file or limit is involved and, where there is one, what to do.
 */
public class LsmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LsmException(String message) {
        super(message);
    }

    public LsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
