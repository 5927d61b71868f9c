package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;

/** MLflow's experiments API ({@code /api/2.0/mlflow/experiments/...}). */
@Path("2.0/mlflow/experiments")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ExperimentsResource {

    @Inject
    ExperimentService experiments;

    @POST
    @Path("create")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String create(MlflowRequest request) {
        List<String[]> tags = new ArrayList<>();
        for (MlflowRequest tag : request.objects("tags")) {
            tags.add(new String[] {tag.requiredText("key"), tag.text("value")});
        }
        String name = request.requiredText("name");
        long id;
        try {
            id = experiments.create(name, tags);
        } catch (MlflowException refusal) {
            throw refusal;
        } catch (RuntimeException raced) {
            // A concurrent create of the same name won the insert: answer its experiment.
            id = experiments.byName(name).orElseThrow(() -> raced).id();
        }
        return MlflowJson.write(Json.MAPPER.createObjectNode().put("experiment_id", String.valueOf(id)));
    }

    @GET
    @Path("get")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String get(@Context UriInfo uri) {
        Experiment experiment = experiments.get(MlflowRequest.ofQuery(uri.getQueryParameters()).requiredText("experiment_id"));
        return MlflowJson.write(wrap(experiment));
    }

    @GET
    @Path("get-by-name")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String getByName(@Context UriInfo uri) {
        String name = MlflowRequest.ofQuery(uri.getQueryParameters()).requiredText("experiment_name");
        return MlflowJson.write(wrap(experiments.getByName(name)));
    }

    @GET
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String searchByQuery(@Context UriInfo uri) {
        return search(MlflowRequest.ofQuery(uri.getQueryParameters()));
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String search(MlflowRequest request) {
        ExperimentService.Page page = experiments.search(request);
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode items = json.putArray("experiments");
        page.experiments().forEach(experiment -> items.add(experiment.toJson()));
        if (page.nextPageToken() != null) {
            json.put("next_page_token", page.nextPageToken());
        }
        return MlflowJson.write(json);
    }

    @POST
    @Path("update")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String update(MlflowRequest request) {
        String newName = request.text("new_name");
        if (newName != null) {
            experiments.rename(request.requiredText("experiment_id"), newName);
        }
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("delete")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String delete(MlflowRequest request) {
        experiments.delete(request.requiredText("experiment_id"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("restore")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String restore(MlflowRequest request) {
        experiments.restore(request.requiredText("experiment_id"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("set-experiment-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setTag(MlflowRequest request) {
        experiments.setTag(request.requiredText("experiment_id"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    private static ObjectNode wrap(Experiment experiment) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("experiment", experiment.toJson());
        return json;
    }
}
