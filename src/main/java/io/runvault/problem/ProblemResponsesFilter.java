package io.runvault.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the refusals every API operation shares, once, instead of on each resource method:
 * 401 without valid credentials, 403 for a role that may not call it, 500 for a bug. Every other
 * 4xx or 5xx an operation declares is answered as a problem document; the operation names only its
 * status and when it happens, and a response that declares its own content (a typed problem such
 * as GatesFailedProblem) keeps it. A HEAD refusal has no body, so it gets no content.
 */
public class ProblemResponsesFilter implements OASFilter {

    // Ordered: the served document must be byte-identical from one start to the next.
    private static final Map<String, String> SHARED = new LinkedHashMap<>();

    static {
        SHARED.put("401", "No or wrong credentials");
        SHARED.put("403", "The user's roles do not allow this operation");
        SHARED.put("500", "An unexpected failure (always a bug; logged)");
    }

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        pathItem.getOperations().forEach((method, operation) -> {
            if (method != PathItem.HttpMethod.HEAD && operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (isRefusal(status) && response.getRef() == null && hasNoContent(response)) {
                        response.setContent(problemContent());
                    }
                });
            }
        });
        return pathItem;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        SHARED.forEach((status, description) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                        .content(problemContent()));
            }
        });
        return operation;
    }

    private static boolean isRefusal(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private static boolean hasNoContent(APIResponse response) {
        return response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty();
    }

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
    }
}
