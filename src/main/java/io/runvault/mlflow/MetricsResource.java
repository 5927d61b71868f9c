package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** MLflow's metric history ({@code /api/2.0/mlflow/metrics/get-history}), open and committed runs alike. */
@Path("2.0/mlflow/metrics")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** MLflow's page size for a history when the client names none. */
    static final int DEFAULT_PAGE = 25_000;

    @Inject
    TrackedRuns runs;

    @GET
    @Path("get-history")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String history(@Context UriInfo uri) {
        MlflowRequest request = MlflowRequest.ofQuery(uri.getQueryParameters());
        String runId = request.requiredText("run_id", "run_uuid");
        String key = request.requiredText("metric_key");
        runs.get(runId);
        int size = SearchSql.pageSize(request, DEFAULT_PAGE);
        int offset = SearchSql.offset(request.text("page_token"));
        List<TrackedRun.MetricPoint> points = runs.history(runId, key, offset, size + 1);
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode metrics = json.putArray("metrics");
        points.subList(0, Math.min(size, points.size())).forEach(point -> metrics.add(point.toJson()));
        if (points.size() > size) {
            json.put("next_page_token", SearchSql.token(offset + size));
        }
        return MlflowJson.write(json);
    }
}
