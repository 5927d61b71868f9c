package io.runvault.security;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/tokens")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
@Tag(name = "tokens", description = "API tokens for pipelines and generated clients")
public class TokenResource {

    @Inject
    TokenService tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Make a token for yourself; its secret is shown once")
    @APIResponse(responseCode = "201", description = "The token, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "Missing name or bad lifetime")
    public Response create(TokenRequest request, @Context SecurityContext security) {
        return Response.status(201).entity(tokens.issue(security.getUserPrincipal().getName(), request)).build();
    }

    @GET
    @Operation(operationId = "listTokens", summary = "Your tokens (without secrets)")
    @APIResponse(responseCode = "200", description = "Your tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenView[].class)))
    public List<TokenView> list(@Context SecurityContext security) {
        return tokens.list(security.getUserPrincipal().getName());
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke one of your tokens (administrators: any token)")
    @APIResponse(responseCode = "200", description = "The revoked token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "404", description = "No such token of yours")
    public TokenView revoke(@PathParam("id") String id, @Context SecurityContext security) {
        return tokens.revoke(id, security.getUserPrincipal().getName(), security.isUserInRole(Roles.ADMIN));
    }
}
