package io.runvault.jobs;

import io.runvault.problem.Problem;
import io.runvault.problem.ProblemResponsesFilter;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/jobs")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "jobs", description = "Training and evaluation jobs run by Jakarta Batch")
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    LogFollowers followers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "submitJob", summary = "Submit a job (the spec's kind: train, cross-validate, tune, "
            + "evaluate, robustness, compare); it runs in the background",
            description = "The spec is checked now: unknown members, unknown architecture, dataset or optimizer, "
                    + "negative epochs or a batch larger than the data, an unknown run or one without a model "
                    + "give 400 with every reason.")
    // One of the job requests, told apart by their kind: each request record names its kind in its
    // schema (x-kind) and the OpenAPI filter lists them here, so a new kind needs no change in this class.
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(extensions = @Extension(name = ProblemResponsesFilter.ONE_OF, value = "kind"))))
    @APIResponse(responseCode = "202", description = "Accepted; poll the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "The spec is not valid")
    public Response submit(String body, @Context SecurityContext security) {
        JobEntity job = jobs.submit(body, security.getUserPrincipal().getName());
        jobs.launch(job.id());
        return Response.status(202).header("Location", "/api/v1/jobs/" + job.id()).entity(jobs.view(jobs.get(job.id()))).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "listJobs", summary = "Jobs, newest first, filtered by state, kind and submitter")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.Page.class)))
    @APIResponse(responseCode = "400", description = "Unknown state or bad limit")
    public JobView.Page list(@QueryParam("state") String state, @QueryParam("kind") String kind,
                        @QueryParam("submittedBy") String submittedBy, @QueryParam("limit") @DefaultValue("50")
                        @Parameter(description = "Page size, 1-500, default 50", schema = @Schema(type = SchemaType.INTEGER,
                                format = "int32", minimum = "1", maximum = "500", defaultValue = "50")) int limit) {
        return new JobView.Page(jobs.list(state, kind, submittedBy, limit).stream().map(jobs::view).toList());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getJob", summary = "A job's state, progress (epoch, step, percent, ETA, latest metrics) and outcome")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView get(@PathParam("id") String id) {
        return jobs.view(jobs.get(id));
    }

    @GET
    @Path("{id}/log")
    @Produces({MediaType.TEXT_PLAIN + ";charset=UTF-8", Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getJobLog", summary = "The job's log; with follow=true it streams (chunked) until the job ends")
    @APIResponse(responseCode = "200", description = "The log text",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "429", description = "follow=true while RUNVAULT_JOBS_LOG_FOLLOWERS clients already "
            + "follow logs; retry after the Retry-After seconds")
    public void log(@PathParam("id") String id, @QueryParam("follow") @DefaultValue("false") boolean follow,
                    @Context UriInfo uri, @Suspended AsyncResponse response) throws IOException {
        jobs.get(id);
        if (!follow) {
            response.resume(Response.ok(streamLog(id), MediaType.TEXT_PLAIN + ";charset=UTF-8").build());
            return;
        }
        if (!followers.tryAcquire()) {
            Response problem = new Problem("/problems/too-many-log-followers", "Too many requests", 429,
                    followers.limit() + " clients already follow job logs (RUNVAULT_JOBS_LOG_FOLLOWERS); "
                            + "read the log without follow, or retry later", uri.getRequestUri().getRawPath())
                    .toResponse(java.util.Map.of("limit", followers.limit()));
            response.resume(Response.fromResponse(problem).header("Retry-After", LogFollowers.RETRY_AFTER_SECONDS).build());
            return;
        }
        // Followers hold no thread while the job runs: LogFollow writes as the log grows.
        try {
            followers.follow(id, log, jobs);
        } catch (IOException | RuntimeException e) {
            followers.release();
            throw e;
        }
    }

    private StreamingOutput streamLog(String id) {
        return out -> {
            long offset = 0;
            while (true) {
                byte[] chunk = log.read(id, offset, 1 << 16);
                if (chunk.length == 0) {
                    return;
                }
                out.write(chunk);
                offset += chunk.length;
            }
        };
    }

    @POST
    @Path("{id}/stop")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "stopJob", summary = "Stop a job after its current step; it keeps its last epoch's checkpoint")
    @APIResponse(responseCode = "200", description = "Stopping",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "The job has already finished")
    public JobView stop(@PathParam("id") String id, @Context SecurityContext security) {
        return jobs.view(jobs.stop(id, security.getUserPrincipal().getName()));
    }

    @POST
    @Path("{id}/restart")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "restartJob", summary = "Restart a stopped or failed job from its last finished epoch")
    @APIResponse(responseCode = "202", description = "Restarted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    @APIResponse(responseCode = "409", description = "Only stopped or failed jobs restart")
    public Response restart(@PathParam("id") String id, @Context SecurityContext security) {
        return Response.status(202).entity(jobs.view(jobs.restart(id, security.getUserPrincipal().getName()))).build();
    }
}
