package io.runvault.ops;

import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/admin/doctor")
@RequestScoped
@Tag(name = "admin", description = "Maintenance")
public class DoctorResource {

    @Inject
    DoctorService doctor;

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "runDoctor", summary = "The server-side checks of runvaultctl doctor",
            description = "Clock, database, migrations, blob store, disk, the native runtimes (loading them if no job "
                    + "has yet) and the TLS key store's certificate, each with a verdict (OK, WARN: attention needed "
                    + "soon, FAIL: broken) and what to do. Always 200: the verdicts are the answer. As text/plain, "
                    + "one line per check as runvaultctl prints it.")
    @APIResponse(responseCode = "200", description = "The checks", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoctorReport.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "callerTime is not a number")
    public DoctorReport check(
            @Parameter(description = "The caller's clock, in seconds since the epoch: the clock check compares it with the server's")
            @QueryParam("callerTime") String callerTime) {
        Instant caller = null;
        if (callerTime != null && !callerTime.isBlank()) {
            try {
                caller = Instant.ofEpochSecond(Long.parseLong(callerTime.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("bad-caller-time", "callerTime is a number of seconds since the epoch");
            }
        }
        return doctor.check(caller);
    }
}
