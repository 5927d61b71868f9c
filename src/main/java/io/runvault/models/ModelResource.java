package io.runvault.models;

import io.runvault.problem.Problem;
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

@Path("v1/models")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "models", description = "Registered models and their versions")
public class ModelResource {

    @Inject
    ModelService models;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "createModel", summary = "Register a model name; the caller owns it")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "400", description = "Bad name or description")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response create(NewModel request, @Context SecurityContext security) {
        RegisteredModel model = models.create(request, security.getUserPrincipal().getName());
        return Response.status(201).entity(models.view(model)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "listModels", summary = "All registered models with their versions and stages")
    @APIResponse(responseCode = "200", description = "The models",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView[].class)))
    public List<ModelView> list() {
        return models.models().stream().map(models::view).toList();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getModel", summary = "A registered model with its versions")
    @APIResponse(responseCode = "200", description = "The model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    public ModelView get(@PathParam("name") String name) {
        return models.view(models.model(name));
    }

    @POST
    @Path("{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "createModelVersion", summary = "Add the next version, at raw, pointing at a run's model file")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "No such model")
    @APIResponse(responseCode = "422", description = "The run or the file in it does not exist")
    public Response addVersion(@PathParam("name") String name, NewVersion request, @Context SecurityContext security) {
        ModelVersion version = models.addVersion(name, request, security.getUserPrincipal().getName());
        return Response.status(201).entity(models.view(version)).build();
    }

    @GET
    @Path("{name}/versions/{version}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getModelVersion", summary = "A version with its stage history and the run's metrics")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
        return models.view(models.version(name, version));
    }

    @POST
    @Path("{name}/versions/{version}/archive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "archiveModelVersion", summary = "Archive a version (administrators)")
    @APIResponse(responseCode = "200", description = "The archived version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VersionView.class)))
    @APIResponse(responseCode = "404", description = "No such model or version")
    @APIResponse(responseCode = "409", description = "Already archived or rejected")
    public VersionView archive(@PathParam("name") String name, @PathParam("version") int version,
                               @Context SecurityContext security) {
        return models.view(models.move(name, version, Stage.ARCHIVED, security.getUserPrincipal().getName(),
                "archived by an administrator", null));
    }
}
