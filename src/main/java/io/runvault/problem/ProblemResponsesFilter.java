package io.runvault.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the refusals every API operation shares, once, instead of on each resource method:
 * 401 without valid credentials, 403 for a role that may not call it, 500 for a bug. Every other
 * 4xx or 5xx an operation declares is answered as a problem document; the operation names only its
 * status and when it happens, and a response that declares its own content (a typed problem such
 * as GatesFailedProblem) keeps it. A HEAD refusal has no body, so it gets no content.
 * <p>It also completes request bodies that accept one of several types told apart by a member: a body
 * schema with the extension {@value #ONE_OF} (value: the member, e.g. {@code kind}) becomes a
 * {@code oneOf} of every component schema whose extension {@code x-<member>} names its value (e.g.
 * {@code x-kind: train}), with the discriminator mapping, ordered by value; the extensions are
 * removed. A new request type is then documented by its own schema annotation alone.
 */
public class ProblemResponsesFilter implements OASFilter {

    /** The extension of a request body schema that is one of the tagged component schemas. */
    public static final String ONE_OF = "x-one-of";

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

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Map<String, String> tags = new TreeMap<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            operation.getRequestBody().getContent().getMediaTypes().values().forEach(media -> {
                Schema body = media.getSchema();
                if (body != null && body.getExtensions() != null && body.getExtensions().get(ONE_OF) instanceof String member) {
                    media.setSchema(union(components, member));
                    tags.put("x-" + member, member);
                }
            });
        }));
        components.values().stream().filter(schema -> schema.getExtensions() != null)
                .forEach(schema -> tags.keySet().forEach(schema::removeExtension));
    }

    /** The one-of schema of the components tagged {@code x-<member>}, by the tags' values. */
    private static Schema union(Map<String, Schema> components, String member) {
        Map<String, String> byValue = new TreeMap<>();
        components.forEach((name, schema) -> {
            if (schema.getExtensions() != null && schema.getExtensions().get("x-" + member) != null) {
                byValue.put(String.valueOf(schema.getExtensions().get("x-" + member)), "#/components/schemas/" + name);
            }
        });
        Schema union = OASFactory.createSchema();
        Discriminator discriminator = OASFactory.createDiscriminator().propertyName(member);
        byValue.forEach((value, ref) -> {
            union.addOneOf(OASFactory.createSchema().ref(ref));
            discriminator.addMapping(value, ref);
        });
        return union.discriminator(discriminator);
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
