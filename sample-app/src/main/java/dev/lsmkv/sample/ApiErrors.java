package dev.lsmkv.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/**
 * Errors of the link API as RFC 9457 problem details ({@code application/problem+json}). A 400
 * carries {@code errors}: an object from each offending field name to what is wrong with it.
 *
 * <p>Only this application's controllers are advised: the actuator answers its own requests
 * (its 400 explains itself), and the link-specific texts here would be wrong there. Errors before
 * any controller is chosen (415, 405, no such path) are problem details too, from Spring's
 * handler ({@code spring.mvc.problemdetails.enabled}) and {@link ProblemErrorController}.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's generic problem details for the same exceptions
public class ApiErrors {

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.merge(error.getField(), error.getDefaultMessage(), (a, b) -> a + "; " + b);
        }
        return badRequest(errors);
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badParameter(BadRequestException e) {
        return badRequest(Map.of(e.field(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(Map.of(e.getName(), "cannot read '" + e.getValue() + "'"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException je && !je.getPath().isEmpty()) {
            String field = je.getPath().get(je.getPath().size() - 1).getPropertyName();
            if (field != null) {
                return badRequest(Map.of(field, "cannot read this value"));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "request body must be JSON like {\"url\": \"https://...\", \"owner\": \"...\", \"ttlSeconds\": 3600}");
        problem.setProperty("errors", Map.of("body", "missing or not valid JSON"));
        return problem;
    }

    @ExceptionHandler(LinkNotFoundException.class)
    ProblemDetail notFound(LinkNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ProblemDetail badRequest(Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "invalid " + String.join(", ", errors.keySet()));
        problem.setProperty("errors", errors);
        return problem;
    }
}
