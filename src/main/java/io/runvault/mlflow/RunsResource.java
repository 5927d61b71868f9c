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
import java.io.InputStream;

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
    public String create(InputStream in) {
        String body = MlflowRequest.read(in);
        TrackedRun run = tracking.create(MlflowRequest.ofBody(body), body, user());
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
    public String update(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        TrackedRun run = committer.update(request.requiredText("run_id", "run_uuid"), request.text("status"),
                request.longValue("end_time"), request.text("run_name"), user());
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.set("run_info", run.info());
        return MlflowJson.write(json);
    }

    @POST
    @Path("delete")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String delete(InputStream in) {
        String body = MlflowRequest.read(in);
        tracking.lifecycle(MlflowRequest.ofBody(body).requiredText("run_id"), "deleted");
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("restore")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String restore(InputStream in) {
        String body = MlflowRequest.read(in);
        tracking.lifecycle(MlflowRequest.ofBody(body).requiredText("run_id"), "active");
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-metric")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logMetric(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        tracking.logMetric(request.requiredText("run_id", "run_uuid"), request);
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-parameter")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logParameter(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        tracking.logParam(request.requiredText("run_id", "run_uuid"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("log-batch")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String logBatch(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        tracking.logBatch(request.requiredText("run_id"), request);
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("set-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String setTag(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        tracking.setTag(request.requiredText("run_id", "run_uuid"), request.requiredText("key"), request.text("value"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("delete-tag")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String deleteTag(InputStream in) {
        String body = MlflowRequest.read(in);
        MlflowRequest request = MlflowRequest.ofBody(body);
        tracking.deleteTag(request.requiredText("run_id"), request.requiredText("key"));
        return MlflowJson.EMPTY;
    }

    @POST
    @Path("search")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String search(InputStream in) {
        String body = MlflowRequest.read(in);
        RunSearcher.Page page = searcher.search(MlflowRequest.ofBody(body));
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
