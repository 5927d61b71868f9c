package io.runvault.promotion;

import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model cards live under their own root: JAX-RS would not look past the models resource for a sub-path. */
@Path("v1/cards/{model}/{version}")
@RequestScoped
@Tag(name = "models", description = "Registered models and their versions")
public class ModelCardResource {

    static final String MARKDOWN = "text/markdown";

    @Inject
    ModelCards cards;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getModelCard",
            summary = "A version's model card: lineage, params, metrics, gate evidence, approvals, stage history")
    @APIResponse(responseCode = "200", description = "The card",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelCard.class)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    public ModelCard card(@PathParam("model") String model, @PathParam("version") int version) {
        return cards.card(model, version);
    }

    @GET
    @Path("markdown")
    @Produces(MARKDOWN + ";charset=UTF-8")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getModelCardMarkdown", summary = "The same model card as a Markdown document")
    @APIResponse(responseCode = "200", description = "The card",
            content = @Content(mediaType = MARKDOWN, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    public String markdown(@PathParam("model") String model, @PathParam("version") int version) {
        return cards.markdown(model, version);
    }
}
