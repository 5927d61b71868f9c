package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** MLflow's {@code artifacts/list} of a run: paths relative to the run's artifact root. */
@Path("2.0/mlflow/artifacts")
@RequestScoped
@MlflowApi
@Produces(MediaType.APPLICATION_JSON)
public class ArtifactListResource {

    @Inject
    ArtifactService artifacts;

    @Inject
    TrackedRuns runs;

    @GET
    @Path("list")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String list(@Context UriInfo uri) {
        MlflowRequest request = MlflowRequest.ofQuery(uri.getQueryParameters());
        TrackedRun run = runs.get(request.requiredText("run_id", "run_uuid"));
        String folder = request.text("path");
        ArtifactService.Address address = artifacts.address(run.experimentId() + "/" + run.runId() + "/artifacts"
                + (folder == null || folder.isEmpty() ? "" : "/" + folder));
        ObjectNode json = ArtifactsResource.listing(artifacts, run.runId(), address.path(), true);
        json.put("root_uri", "mlflow-artifacts:/" + run.experimentId() + "/" + run.runId() + "/artifacts");
        return MlflowJson.write(json);
    }
}
