package io.runvault.ops;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/admin/backup")
@RequestScoped
@Tag(name = "admin", description = "Maintenance")
public class BackupResource {

    @Inject
    BackupService backups;

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "stageBackup", summary = "Stage an online backup's database copy and blob list in the data directory",
            description = "The database first (H2's online BACKUP; for PostgreSQL nothing is staged: run pg_dump), then the "
                    + "list of blobs it refers to. runvaultctl backup moves them out and copies blobs, secrets and "
                    + "configuration. Recorded in the audit log (appliance.backup).")
    @APIResponse(responseCode = "200", description = "What was staged, and where",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackupSnapshot.class)))
    @APIResponse(responseCode = "409", description = "Another backup is being staged this second")
    public BackupSnapshot stage(@Context SecurityContext security) throws IOException, SQLException {
        return backups.snapshot(security.getUserPrincipal().getName());
    }
}
