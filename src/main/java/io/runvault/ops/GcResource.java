package io.runvault.ops;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/admin/gc")
@RequestScoped
@Tag(name = "admin", description = "Maintenance")
public class GcResource {

    @Inject
    BlobCollector collector;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "collectGarbage", summary = "Remove blobs nothing refers to (online mark and sweep)",
            description = "Blobs referred to by no committed run, job checkpoint or dataset and stored longer ago than "
                    + "the grace period are removed, while the appliance serves. A dry run lists them and removes "
                    + "nothing. Each collection that is not a dry run is recorded in the audit log (blob.gc).")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GcRequest.class)))
    @APIResponse(responseCode = "200", description = "The collection's report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GcReport.class)))
    @APIResponse(responseCode = "400", description = "A grace period out of range")
    @APIResponse(responseCode = "409", description = "Another collection is running")
    public GcReport collect(GcRequest request, @Context SecurityContext security) throws IOException {
        GcRequest asked = request == null ? new GcRequest(null, null) : request;
        return collector.collect(asked.dryRunOrDefault(), asked.grace(), security.getUserPrincipal().getName());
    }
}
