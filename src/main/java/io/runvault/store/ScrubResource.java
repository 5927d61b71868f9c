package io.runvault.store;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/admin/scrub")
@RequestScoped
@Tag(name = "admin", description = "Maintenance")
public class ScrubResource {

    @Inject
    BlobStore store;

    @Inject
    Instance<BlobReferences> references;

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "scrub", summary = "Re-hash every blob; report corrupt, missing and stray ones")
    @APIResponse(responseCode = "200", description = "The scrub report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScrubReport.class)))
    public ScrubReport scrub() throws IOException {
        return store.scrub(BlobReferences.union(references));
    }
}
