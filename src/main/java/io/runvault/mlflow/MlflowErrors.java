package io.runvault.mlflow;

import io.runvault.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers {@link MlflowException}s as MLflow does: {@code {"error_code": ..., "message": ...}}. */
@Provider
public class MlflowErrors implements ExceptionMapper<MlflowException> {

    @Override
    public Response toResponse(MlflowException failure) {
        return response(failure.code(), failure.getMessage());
    }

    static Response response(ErrorCode code, String message) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message)).build();
    }

    static String body(ErrorCode code, String message) {
        return MlflowJson.write(Json.MAPPER.createObjectNode().put("error_code", code.name()).put("message", message));
    }

}
