package io.runvault.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.json.Json;
import io.runvault.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;

/**
 * Refusals made for the MLflow API by the rest of the appliance (a role check, a body that is not
 * JSON, a failure) arrive as problem documents; MLflow clients read {@code error_code} and
 * {@code message}, so they are rewritten into that shape with the same status.
 */
@Provider
@MlflowApi
public class MlflowErrorFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        MediaType type = response.getMediaType();
        if (type == null || !type.isCompatible(Problem.PROBLEM_JSON) || !(response.getEntity() instanceof String body)) {
            return;
        }
        JsonNode problem = Json.MAPPER.readTree(body);
        ErrorCode code = ErrorCode.forStatus(response.getStatus());
        response.setEntity(MlflowErrors.body(code, problem.path("detail").asText(code.name())), null,
                MediaType.APPLICATION_JSON_TYPE);
    }
}
