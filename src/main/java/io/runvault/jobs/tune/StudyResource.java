package io.runvault.jobs.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobService;
import io.runvault.json.Json;
import io.runvault.problem.NotFoundException;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import io.runvault.studies.Study;
import io.runvault.studies.Trial;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/studies")
@RequestScoped
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "studies", description = "Hyperparameter studies run by tuning jobs")
public class StudyResource {


    @Inject
    StudyStore store;

    @Inject
    JobService jobs;

    @GET
    @Path("{jobId}")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getStudy", summary = "A tuning job's study: state, best trial and every trial "
            + "(parameters, value, state, intermediate values)")
    @APIResponse(responseCode = "200", description = "The study",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StudyView.class)))
    @APIResponse(responseCode = "404", description = "No tuning job with this id")
    public StudyView get(@PathParam("jobId") String jobId) {
        JobEntity job = jobs.get(jobId);
        if (!job.kind().equals(TuneJobSpec.KIND)) {
            throw new NotFoundException("study-not-found", "Job " + jobId + " is a " + job.kind() + " job, not a tuning job");
        }
        return store.find(jobId).map(this::view).orElseGet(() -> queued(job));
    }

    private StudyView view(StudyEntity entity) {
        Study study = store.study(entity);
        List<TrialView> trials = study.trials().stream().map(StudyResource::trial).toList();
        TrialView best = study.best().map(StudyResource::trial).orElse(null);
        return new StudyView(entity.jobId(), entity.name(), entity.state(), entity.metric(), entity.direction(),
                entity.sampler(), entity.pruner(), entity.seed(), entity.planned(), entity.concurrency(),
                map(entity.searchSpace()), best, entity.studyRunId(), entity.finalRunId(), entity.createdAt(), trials);
    }

    /** A job that has not started yet: its settings from the spec, no trials. */
    private StudyView queued(JobEntity job) {
        TuneJobSpec spec = TuneJobSpec.read(job.spec());
        return new StudyView(job.id(), spec.studyName(), "queued", spec.objective().metric(),
                spec.objective().direction().name().toLowerCase(Locale.ROOT), spec.sampler(), spec.pruner(), spec.seed(),
                spec.trials(), spec.concurrency(), map(spec.searchSpaceJson()), null, null, null, job.submittedAt(),
                List.of());
    }

    private static TrialView trial(Trial t) {
        Map<String, Double> intermediate = new LinkedHashMap<>();
        t.intermediateValues().forEach((step, value) -> intermediate.put(String.valueOf(step), value));
        return new TrialView(t.number(), t.state().name(), t.params(), t.value(), intermediate, t.datetimeStart(),
                t.datetimeComplete(), t.failureReason());
    }

    private static Map<String, Object> map(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
