package io.runvault.jobs.train;

import io.runvault.jobs.JobLog;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.NewVersion;
import io.runvault.problem.ProblemException;
import io.runvault.runs.RunService;
import io.runvault.training.TrainingSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Registers a job's run as the next version of a registered model, at raw. The model file is the
 * run's ONNX export when it has one, else its best checkpoint. The run stays committed when the
 * registry refuses (e.g. the model was deleted meanwhile); the job log says why either way.
 */
@ApplicationScoped
public class ModelRegistration {

    static final String ONNX_EXPORT = "exports/model.onnx";

    @Inject
    ModelService models;

    @Inject
    RunService runs;

    @Inject
    JobLog log;

    /** The new version, or empty when the registry refused it. */
    public Optional<ModelVersion> register(String jobId, String actor, String model, TrainingSpec training,
                                           String runId) {
        String path = runs.view(runId).files().stream().anyMatch(f -> f.path().equals(ONNX_EXPORT))
                ? ONNX_EXPORT : TrainingRunAssembler.checkpointPath(training);
        try {
            ModelVersion version = models.addVersion(model, new NewVersion(runId, path), actor);
            log.append(jobId, "registered as " + version.modelName() + " version " + version.version() + " (raw)");
            return Optional.of(version);
        } catch (ProblemException refused) {
            log.append(jobId, "not registered as a version of " + model + ": " + refused.getMessage());
            return Optional.empty();
        }
    }
}
