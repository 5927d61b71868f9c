package io.runvault.export;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/runs/{id}/export")
@RequestScoped
@Tag(name = "runs", description = "Immutable training, evaluation and tuning runs")
public class RunExportResource {

    @Inject
    RunExportService exports;

    /**
     * Contributors and administrators: the call commits a run, exactly what a contributor may do
     * (commitRun), and it derives everything from content already in the registry.
     */
    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "exportRun", summary = "Export a run's trained model to ONNX, as a new run",
            description = "For runs trained before ONNX export: rebuilds the network from reports/config_snapshot.yaml "
                    + "and checkpoints/best*.params, writes exports/model.onnx (opset 17, input 'input' N x C x H x W, "
                    + "output 'probabilities') and exports/parity.json (DJL vs ONNX Runtime on the run's validation "
                    + "images), and commits a new run holding the old run's files plus exports/, with the old run as "
                    + "parent. Exporting the same run again returns the same new run.")
    @APIResponse(responseCode = "201", description = "Exported: the new run and the measured parity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunExport.class)))
    @APIResponse(responseCode = "200", description = "This run was exported before: the same new run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunExport.class)))
    @APIResponse(responseCode = "400", description = "Not a run id")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run already has exports/model.onnx")
    @APIResponse(responseCode = "422", description = "No checkpoint or config snapshot, a checkpoint that does not fit "
            + "the config, a network the export does not know, or validation data that is not on this appliance")
    public Response export(@PathParam("id") @Parameter(description = "blake2b:<64 hex>") String id,
                           @Context SecurityContext security, @Context UriInfo uri) {
        RunExportService.Outcome outcome = exports.export(id, security.getUserPrincipal().getName());
        return Response.status(outcome.created() ? 201 : 200)
                .location(uri.getBaseUriBuilder().path("v1/runs").path(outcome.export().run().id()).build())
                .entity(outcome.export()).build();
    }
}
