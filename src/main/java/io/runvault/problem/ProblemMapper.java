package io.runvault.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become HTTP responses. Domain refusals keep their status; the
 * framework's own 4xx keep theirs; malformed bodies are 400; anything else is a 500 that is logged
 * (a 500 is always a bug to fix, never a way to refuse input).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final Set<String> BINDING_FAILURES = Set.of("jakarta.json.JsonException",
            "jakarta.json.bind.JsonbException");

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable failure) {
        String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        if (failure instanceof ProblemException problem) {
            Response response = new Problem("/problems/" + problem.type(), problem.title(), problem.status(),
                    problem.getMessage(), instance).toResponse(problem.extensions());
            if (problem instanceof TooManyRequestsException tooMany) {
                return Response.fromResponse(response).header("Retry-After", tooMany.retryAfterSeconds()).build();
            }
            return response;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response original = web.getResponse();
            Response.StatusType status = original.getStatusInfo();
            Response problem = new Problem("/problems/http-" + status.getStatusCode(), status.getReasonPhrase(),
                    status.getStatusCode(), describe(web), instance).toResponse(Map.of());
            if (original.getHeaders().containsKey("Allow")) {
                return Response.fromResponse(problem).header("Allow", original.getHeaderString("Allow")).build();
            }
            return problem;
        }
        Throwable cause = rootCause(failure);
        if (fromBodyBinding(cause) || failure instanceof ProcessingException) {
            return new Problem("/problems/malformed-json", "Malformed JSON", 400,
                    "The body is not valid JSON: " + cause.getMessage(), instance).toResponse(Map.of());
        }
        if (cause instanceof ProblemException problem) {
            return toResponse(problem);
        }
        LOG.log(Level.SEVERE, "Unexpected failure on " + instance, failure);
        return new Problem("/problems/internal", "Internal server error", 500,
                "The server failed unexpectedly; the failure is logged.", instance).toResponse(Map.of());
    }

    private static String describe(WebApplicationException web) {
        if (web.getResponse().getStatus() == 403) {
            return "Your roles do not allow this operation";
        }
        String message = web.getMessage();
        return message == null || message.startsWith("HTTP ") ? web.getResponse().getStatusInfo().getReasonPhrase() : message;
    }

    /**
     * Whether the container's JSON-B binding refused a request body. The application reads and writes
     * JSON with Jackson and does not link against JSON-P or JSON-B, so their exceptions are known
     * here by name (and by their subclasses, such as JSON-P's parsing exception).
     */
    static boolean fromBodyBinding(Throwable cause) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (BINDING_FAILURES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            if (current instanceof ProblemException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }
}
