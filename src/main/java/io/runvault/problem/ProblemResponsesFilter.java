package io.runvault.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the refusals every API operation shares, once, instead of on each resource method:
 * 401 without valid credentials, 403 for a role that may not call it, 500 for a bug.
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

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem);
    }
}
