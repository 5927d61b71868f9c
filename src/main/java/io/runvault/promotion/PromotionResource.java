package io.runvault.promotion;

import io.runvault.problem.Problem;
import io.runvault.problem.UnprocessableException;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/promotions")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "promotions", description = "Promotion requests, gate evidence and four-eyes approval")
public class PromotionResource {

    @Inject
    PromotionService promotions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "requestPromotion", summary = "Ask for a version to move up a stage; the gates run now",
            description = "To validated: applied at once when every gate passes. To production: pending an approver's "
                    + "decision when every gate passes. A failing gate refuses the request (422, with the evidence).")
    @APIResponse(responseCode = "201", description = "Applied or pending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "400", description = "Unknown stage, missing or oversize reason")
    @APIResponse(responseCode = "404", description = "No such model or version")
    @APIResponse(responseCode = "409", description = "Not the next stage for this version, or a request is pending")
    @APIResponse(responseCode = "422", description = "A gate failed; the problem carries requestId and evidence",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = GatesFailedProblem.class)))
    public Response request(PromotionAsk ask, @Context SecurityContext security) {
        PromotionView request = promotions.request(ask, security.getUserPrincipal().getName());
        if (request.status().equals(PromotionRequest.Status.REFUSED.wire())) {
            // The refused request is kept (it is history); the caller gets the failing evidence.
            throw new UnprocessableException("gates-failed", "Version " + request.version() + " of " + request.model() + " failed "
                    + request.evidence().stream().filter(e -> !e.passed()).count() + " gate(s) for " + request.targetStage(),
                    Map.of("requestId", request.id(), "evidence", request.evidence().stream()
                            .map(e -> Map.of("gate", e.gate(), "expected", e.expected(), "actual", e.actual(),
                                    "passed", e.passed())).toList()));
        }
        return Response.status(201).entity(request).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "listPromotions", summary = "Promotion requests, newest first (the queue: status=pending)")
    @APIResponse(responseCode = "200", description = "Requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotionView[].class)))
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<PromotionView> list(@QueryParam("status") String status, @QueryParam("model") String model) {
        return promotions.list(status, model);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getPromotion", summary = "One promotion request with its evidence")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "404", description = "No such request")
    public PromotionView get(@PathParam("id") String id) {
        return promotions.get(id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Operation(operationId = "approvePromotion", summary = "Approve a pending production request (four eyes)",
            description = "The approver may be neither the requester nor the run's creator. The previous production "
                    + "version is archived in the same transaction.")
    @APIResponse(responseCode = "200", description = "Approved; the version is in production",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not pending, or another version entered production first")
    public PromotionView approve(@PathParam("id") String id, @Context SecurityContext security) {
        return promotions.approve(id, security.getUserPrincipal().getName());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "rejectPromotion", summary = "Reject a pending request, with a reason")
    @APIResponse(responseCode = "200", description = "Rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PromotionView.class)))
    @APIResponse(responseCode = "400", description = "Missing or oversize reason")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Not pending")
    public PromotionView reject(@PathParam("id") String id, Decision decision, @Context SecurityContext security) {
        return promotions.reject(id, security.getUserPrincipal().getName(), decision);
    }
}
