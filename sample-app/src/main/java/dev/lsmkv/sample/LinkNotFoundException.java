package dev.lsmkv.sample;

/** Unknown, deleted or expired code; answered with 404. */
public class LinkNotFoundException extends RuntimeException {

    public LinkNotFoundException(String code) {
        super("no link with code '" + code + "' (unknown, deleted or expired)");
    }
}
