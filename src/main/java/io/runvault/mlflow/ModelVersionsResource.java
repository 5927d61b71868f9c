package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.RegisteredModel;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/** MLflow's model-versions API ({@code /api/2.0/mlflow/model-versions/...}) over Runvault's versions and promotions. */
@Path("2.0/mlflow/model-versions")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ModelVersionsResource {

    @Inject
    MlflowRegistry registry;

    @Inject
    VersionRegistration registration;

    @Inject
    StageTransitions transitions;

    @Inject
    ModelService models;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Path("create")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String create(MlflowRequest request) {
        ModelVersion version = registration.create(request.requiredText("name"), request.text("source"),
                request.text("run_id"), request.objects("tags"), request.text("description"),
                security.getUserPrincipal().getName());
        return wrap(version);
    }

    @GET
    @Path("get")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String get() {
        return wrap(find(query()));
    }

    @GET
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String searchByQuery() {
        return search(query());
    }

    /** Filtered by name, run_id, source and tags; newest version of each model first, models by name. */
    @POST
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String search(MlflowRequest request) {
        SearchFilter filter = SearchFilter.parse(request.text("filter"));
        List<ObjectNode> candidates = new ArrayList<>();
        for (RegisteredModel model : models.models()) {
            boolean named = filter.clauses().stream().filter(c -> c.entity() == SearchFilter.Entity.ATTRIBUTE
                    && c.key().equals("name")).allMatch(c -> SearchFilter.matches(c, model.name()));
            if (named) {
                List<ModelVersion> versions = new ArrayList<>(models.versions(model.name()));
                java.util.Collections.reverse(versions);
                versions.forEach(version -> candidates.add(registry.versionJson(version)));
            }
        }
        return MlflowJson.page("model_versions", candidates,
                version -> filter.clauses().stream().allMatch(clause -> matches(clause, version)), request, 10_000);
    }

    private static boolean matches(SearchFilter.Clause clause, ObjectNode version) {
        return switch (clause.entity()) {
            case ATTRIBUTE -> switch (clause.key()) {
                case "name", "run_id", "source", "version", "current_stage", "user_id" ->
                        SearchFilter.matches(clause, version.path(clause.key()).asText());
                default -> throw MlflowException.invalid("Model versions are searched by name, run_id, source, version, "
                        + "current_stage, user_id and tags, not by " + clause.key());
            };
            case TAG -> SearchFilter.matches(clause, MlflowJson.tag(version, clause.key()));
            default -> throw MlflowException.invalid("Model versions are searched by their attributes and tags");
        };
    }

    @PATCH
    @Path("update")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String update(MlflowRequest request) {
        ModelVersion version = find(request);
        registry.describe(version.modelName(), version.version(), request.text("description"));
        return wrap(version);
    }

    @DELETE
    @Path("delete")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String delete(MlflowRequest request) {
        ModelVersion version = find(request.isEmpty() ? query() : request);
        throw MlflowException.invalid("Version " + version.version() + " of " + version.modelName() + " is kept: versions "
                + "and their stage history are part of the audit trail. Archive it with transition-stage instead");
    }

    @GET
    @Path("get-download-uri")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String downloadUri() {
        ModelVersion version = find(query());
        String source = registry.source(version);
        String location = source.startsWith("runvault:/") || source.startsWith("runs:/")
                ? uri.getBaseUriBuilder().path("v1/runs").path(version.runId()).path("files").path(version.filePath())
                        .build().toString()
                : source;
        return MlflowJson.write(Json.MAPPER.createObjectNode().put("artifact_uri", location));
    }

    @POST
    @Path("set-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setTag(MlflowRequest request) {
        ModelVersion version = find(request);
        String key = request.requiredText("key");
        if (key.startsWith("runvault.")) {
            throw MlflowException.invalid("Tags named runvault.* are set by the server");
        }
        registry.setVersionTag(version.modelName(), version.version(), key, request.text("value"));
        return MlflowJson.EMPTY;
    }

    @DELETE
    @Path("delete-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String deleteTag(MlflowRequest request) {
        MlflowRequest fields = request.isEmpty() ? query() : request;
        ModelVersion version = find(fields);
        registry.deleteVersionTag(version.modelName(), version.version(), fields.requiredText("key"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("transition-stage")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String transition(MlflowRequest request) {
        ModelVersion version = find(request);
        return wrap(transitions.transition(version.modelName(), version.version(), request.requiredText("stage"),
                security.getUserPrincipal().getName(), security.isUserInRole(Roles.ADMIN)));
    }

    private ModelVersion find(MlflowRequest request) {
        return models.version(request.requiredText("name"), number(request.requiredText("version")));
    }

    static int number(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw MlflowException.invalid("Invalid version '" + version + "': versions are numbers");
        }
    }

    private MlflowRequest query() {
        return MlflowRequest.ofQuery(uri.getQueryParameters());
    }

    private String wrap(ModelVersion version) {
        return MlflowJson.write(Json.MAPPER.createObjectNode().set("model_version", registry.versionJson(version)));
    }
}
