package dev.lsmkv.sample;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http or https URL with a host, at most {@value #MAX_LENGTH} characters (null is
 * left to {@code @NotBlank}). Internationalised host names ({@code bücher.example}) and non-ASCII
 * characters elsewhere are accepted: the form that is stored and
 * redirected to, from {@link Validator#toAscii} (host in punycode, other characters percent-encoded). Each failure says what is
 * wrong, not only that something is.
 */
@Documented
@Constraint(validatedBy = HttpUrl.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

    /** Longest URL accepted, in characters (as given, before conversion to ASCII). */
    int MAX_LENGTH = 2048;

    String message() default "must be an absolute http or https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpUrl, String> {

        /**
         * The ASCII form of {@code url}: the host converted with {@link IDN#toASCII}, every other
         * non-ASCII character percent-encoded as UTF-8.
         *
         * @throws IllegalArgumentException saying what is wrong, when {@code url} is not an absolute
         *         http or https URL with a host of at most {@value #MAX_LENGTH} characters
         */
        static String toAscii(String url) {
            if (url.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters, was " + url.length());
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a valid URL: " + e.getReason() + " at index " + e.getIndex());
            }
            String scheme = uri.getScheme();
            if (scheme == null) {
                throw new IllegalArgumentException("must be an absolute URL starting with http:// or https://");
            }
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
                throw new IllegalArgumentException("must be an http or https URL, not " + scheme);
            }
            String host = uri.getHost();
            if (host == null && uri.getRawAuthority() != null) {
                // java.net.URI leaves a non-ASCII host unparsed (registry-based authority)
                try {
                    String authority = uri.getAuthority();
                    int at = authority.lastIndexOf('@');
                    String userInfo = at < 0 ? null : authority.substring(0, at);
                    String hostPort = authority.substring(at + 1);
                    int colon = hostPort.lastIndexOf(':');
                    String rawHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
                    int port = colon < 0 ? -1 : Integer.parseInt(hostPort.substring(colon + 1));
                    uri = new URI(scheme, userInfo, IDN.toASCII(rawHost, IDN.ALLOW_UNASSIGNED), port,
                            uri.getPath(), uri.getQuery(), uri.getFragment());
                    host = uri.getHost();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalArgumentException("has a host that is not a valid domain name: " + uri.getRawAuthority());
                }
            }
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("must have a host, as in https://example.com/");
            }
            return uri.toASCIIString().replaceFirst("^[A-Za-z]+", scheme.toLowerCase(Locale.ROOT));
        }


        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            try {
                toAscii(value.trim());
                return true;
            } catch (IllegalArgumentException e) {
                context.disableDefaultConstraintViolation();
                // the message is used as a template: keep EL and parameter syntax out of it
                String message = e.getMessage().replaceAll("[{}$\\\\]", "?");
                context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
                return false;
            }
        }
    }
}
