package io.runvault.audit;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/audit")
@RequestScoped
@Tag(name = "audit", description = "The tamper-evident, append-only audit log")
public class AuditResource {

    public static final String JSON_LINES = "application/x-ndjson";

    @Inject
    AuditLog audit;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "queryAudit", summary = "Query audit events",
            description = "Filters combine with AND. Ordered by seq, newest first unless order=asc.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, time, order, limit or cursor")
    public AuditPage query(
            @BeanParam AuditFilter filter,
            @QueryParam("order") @Parameter(description = "'desc' (default) or 'asc'") String order,
            @QueryParam("limit") @Parameter(description = "Page size, 1-1000, default 50",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1000",
                            defaultValue = "50")) String limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return audit.query(AuditQuery.parse(filter.target, filter.actor, filter.action, filter.from, filter.to,
                order, limit, cursor));
    }

    @GET
    @Path("export")
    @Produces({JSON_LINES, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "exportAudit", summary = "Every matching event as JSON Lines, in seq order (streamed)",
            description = "Each line is the RFC 8785 canonical JSON of one event; its hash is blake2b of the line without the hash member.")
    @APIResponse(responseCode = "200", description = "One event per line",
            content = @Content(mediaType = JSON_LINES, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "Bad filter or time")
    public Response export(@BeanParam AuditFilter filter) {
        AuditQuery query = AuditQuery.export(filter.target, filter.actor, filter.action, filter.from, filter.to);
        StreamingOutput lines = out -> audit.export(query, out);
        return Response.ok(lines, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"runvault-audit.jsonl\"")
                .build();
    }

    @POST
    @Path("verify")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "verifyAudit", summary = "Walk the hash chain and name the first broken link")
    @APIResponse(responseCode = "200", description = "The verification, intact or not",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditVerification.class)))
    public AuditVerification verify() {
        return audit.verify();
    }
}
