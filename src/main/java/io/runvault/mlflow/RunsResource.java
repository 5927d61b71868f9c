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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** MLflow's runs API ({@code /api/2.0/mlflow/runs/...}): open runs are logged to; an ended run is committed. */
@Path("2.0/mlflow/runs")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class RunsResource {

    @Inject
    TrackingService tracking;

    @Inject
    TrackedRuns runs;

    @Inject
    RunCommitter committer;

    @Inject
    RunSearcher searcher;

    @Context
    SecurityContext security;

    @POST
    @Path("create")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String create(MlflowRequest request) {
        TrackedRun run = tracking.create(request, user());
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("run", run.toJson());
        return MlflowJson.write(json);
    }

    @GET
    @Path("get")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String get(@Context UriInfo uri) {
        String runId = MlflowRequest.ofQuery(uri.getQueryParameters()).requiredText("run_id", "run_uuid");
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("run", runs.get(runId).toJson());
        return MlflowJson.write(json);
    }

    @POST
    @Path("update")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String update(MlflowRequest request) {
        TrackedRun run = committer.update(request.requiredText("run_id", "run_uuid"), request.text("status"),
                request.longValue("end_time"), request.text("run_name"), user());
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("run_info", run.info());
        return MlflowJson.write(json);
    }

    @POST
    @Path("delete")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String delete(MlflowRequest request) {
        tracking.lifecycle(request.requiredText("run_id"), "deleted");
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("restore")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String restore(MlflowRequest request) {
        tracking.lifecycle(request.requiredText("run_id"), "active");
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-metric")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logMetric(MlflowRequest request) {
        tracking.logMetric(request.requiredText("run_id", "run_uuid"), request);
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-parameter")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logParameter(MlflowRequest request) {
        tracking.logParam(request.requiredText("run_id", "run_uuid"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-batch")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logBatch(MlflowRequest request) {
        tracking.logBatch(request.requiredText("run_id"), request);
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("set-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setTag(MlflowRequest request) {
        tracking.setTag(request.requiredText("run_id", "run_uuid"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("delete-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String deleteTag(MlflowRequest request) {
        tracking.deleteTag(request.requiredText("run_id"), request.requiredText("key"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String search(MlflowRequest request) {
        RunSearcher.Page page = searcher.search(request);
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode items = json.putArray("runs");
        page.runs().forEach(run -> items.add(run.toJson()));
        if (page.nextPageToken() != null) {
            json.put("next_page_token", page.nextPageToken());
        }
        return MlflowJson.write(json);
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }
}
