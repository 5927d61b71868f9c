package io.runvault.promotion;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/policies/{name}")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "policies", description = "Per-model promotion policies: the gates of each stage")
public class PolicyResource {

    @Inject
    PromotionService promotions;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getPolicy", summary = "A model's promotion policy")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    public Policy policy(@PathParam("name") String name) {
        return promotions.policy(name);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setPolicy", summary = "Replace a model's promotion policy (administrators)")
    @APIResponse(responseCode = "200", description = "The new policy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "400", description = "Unknown gate kind or malformed gate")
    @APIResponse(responseCode = "404", description = "No such model")
    public Policy setPolicy(@PathParam("name") String name, Policy policy, @Context SecurityContext security) {
        return promotions.setPolicy(name, policy, security.getUserPrincipal().getName());
    }
}
