package dev.lsmkv.sample;

/** A request parameter that is missing or wrong; answered with 400 naming the field. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
