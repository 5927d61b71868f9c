package io.runvault.serving;

import io.runvault.database.ChangesNothing;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Predictions from one version of a registered model, whatever its stage (shadow tests, rollbacks). */
@Path("v1/models/{name}/versions/{version}/predict")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "serving", description = "Predictions from registered models through ONNX Runtime")
public class VersionPredictResource {

    @Inject
    PredictionService predictions;

    @POST
    @ChangesNothing
    @Consumes({MediaType.APPLICATION_JSON, PredictResource.PNG, PredictResource.JPEG})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "predictWithVersion", summary = "Classify images with one version, whatever its stage")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PredictionRequest.class)),
            @Content(mediaType = PredictResource.PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = PredictResource.JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "Class probabilities per image, and the version that answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Prediction.class)))
    @APIResponse(responseCode = "400", description = "An image that is not a readable PredictResource.PNG or PredictResource.JPEG, of another size or "
            + "channel count than the model takes, or pixel values outside 0-255 (the problem names the image)")
    @APIResponse(responseCode = "404", description = "No such model or version")
    @APIResponse(responseCode = "413", description = "Body or batch larger than the configured limits")
    @APIResponse(responseCode = "422", description = "The version has no ONNX file ONNX Runtime can serve")
    public Prediction predictVersion(@PathParam("name") String name, @PathParam("version") int version,
                                     @Context HttpHeaders headers, InputStream body) throws IOException {
        return predictions.predict(predictions.version(name, version), headers, body);
    }
}
