package dev.lsmkv.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code lsm} endpoint's write operation over HTTP: a refused request (unknown action, bad
 * checkpoint name, no backup directory) is a 400 whose JSON body carries the reason. Thrown as
 * an exception, the reason would reach the client only with {@code server.error.include-message}
 * on, and an application's own error handling could replace it. The read operation, and the write
 * operation over JMX, are the endpoint's own. Access rules apply unchanged: this is a write operation.
 */
@EndpointWebExtension(endpoint = LsmEndpoint.class)
public class LsmEndpointWebExtension {

    private final LsmEndpoint endpoint;

    public LsmEndpointWebExtension(LsmEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> run(String action, @Nullable String name) {
        try {
            return new WebEndpointResponse<>(endpoint.run(action, name));
        } catch (InvalidEndpointRequestException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", WebEndpointResponse.STATUS_BAD_REQUEST);
            body.put("error", "Bad Request");
            body.put("message", e.getReason());
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }
}
