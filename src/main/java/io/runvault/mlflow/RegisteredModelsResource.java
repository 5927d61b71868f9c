package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.models.ModelService;
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

/** MLflow's registered-models API ({@code /api/2.0/mlflow/registered-models/...}) over Runvault's models. */
@Path("2.0/mlflow/registered-models")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class RegisteredModelsResource {

    @Inject
    MlflowRegistry registry;

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
        RegisteredModel model = registry.create(request.text("name"), request.text("description"), request.objects("tags"),
                security.getUserPrincipal().getName());
        return wrap(model);
    }

    @GET
    @Path("get")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String get() {
        return wrap(models.model(query().requiredText("name")));
    }

    @GET
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String searchByQuery() {
        return search(query());
    }

    /** Models are few: filtered and paged in memory, by name and tags, in name order. */
    @POST
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String search(MlflowRequest request) {
        SearchFilter filter = SearchFilter.parse(request.text("filter"));
        List<ObjectNode> all = new ArrayList<>(models.models().stream().map(registry::modelJson).toList());
        if (request.texts("order_by").stream().anyMatch(term -> term.toUpperCase(java.util.Locale.ROOT).endsWith("DESC"))) {
            java.util.Collections.reverse(all);
        }
        return MlflowJson.page("registered_models", all,
                model -> filter.clauses().stream().allMatch(clause -> matches(clause, model)), request, 100);
    }

    private static boolean matches(SearchFilter.Clause clause, ObjectNode model) {
        return switch (clause.entity()) {
            case ATTRIBUTE -> {
                if (!clause.key().equals("name")) {
                    throw MlflowException.invalid("Registered models are searched by name and tags, not by " + clause.key());
                }
                yield SearchFilter.matches(clause, model.path("name").asText());
            }
            case TAG -> SearchFilter.matches(clause, MlflowJson.tag(model, clause.key()));
            default -> throw MlflowException.invalid("Registered models are searched by name and tags");
        };
    }

    @POST
    @Path("rename")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String rename(MlflowRequest request) {
        String name = request.requiredText("name");
        models.model(name);
        throw MlflowException.invalid("Registered model names are permanent here: the audit trail, promotions and "
                + "policies refer to " + name + " by its name. Create a model under the new name instead");
    }

    @PATCH
    @Path("update")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String update(MlflowRequest request) {
        String name = request.requiredText("name");
        registry.describe(name, 0, request.text("description"));
        return wrap(models.model(name));
    }

    @DELETE
    @Path("delete")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String delete(MlflowRequest request) {
        registry.delete(either(request).requiredText("name"), security.getUserPrincipal().getName());
        return MlflowJson.EMPTY;
    }

    @GET
    @Path("get-latest-versions")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String latestByQuery() {
        return latest(query());
    }

    @POST
    @Path("get-latest-versions")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String latest(MlflowRequest request) {
        String name = request.requiredText("name");
        models.model(name);
        List<String> stages = request.texts("stages");
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode versions = json.putArray("model_versions");
        registry.latestVersions(name, stages.isEmpty() ? RegistryStages.NAMES : stages)
                .forEach(version -> versions.add(registry.versionJson(version)));
        return MlflowJson.write(json);
    }

    @POST
    @Path("set-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setTag(MlflowRequest request) {
        registry.setModelTag(request.requiredText("name"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    @DELETE
    @Path("delete-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String deleteTag(MlflowRequest request) {
        MlflowRequest fields = either(request);
        registry.deleteModelTag(fields.requiredText("name"), fields.requiredText("key"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("alias")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setAlias(MlflowRequest request) {
        registry.setAlias(request.requiredText("name"), request.requiredText("alias"),
                ModelVersionsResource.number(request.requiredText("version")));
        return MlflowJson.EMPTY;
    }

    @DELETE
    @Path("alias")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String deleteAlias(MlflowRequest request) {
        MlflowRequest fields = either(request);
        registry.deleteAlias(fields.requiredText("name"), fields.requiredText("alias"));
        return MlflowJson.EMPTY;
    }

    @GET
    @Path("alias")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String getAlias() {
        MlflowRequest request = query();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("model_version", registry.versionJson(registry.byAlias(request.requiredText("name"),
                request.requiredText("alias"))));
        return MlflowJson.write(json);
    }

    private MlflowRequest query() {
        return MlflowRequest.ofQuery(uri.getQueryParameters());
    }

    /** DELETE requests carry their fields in a JSON body or in the query. */
    private MlflowRequest either(MlflowRequest body) {
        return body.isEmpty() ? query() : body;
    }

    private String wrap(RegisteredModel model) {
        return MlflowJson.write(Json.MAPPER.createObjectNode().set("registered_model", registry.modelJson(model)));
    }

}
