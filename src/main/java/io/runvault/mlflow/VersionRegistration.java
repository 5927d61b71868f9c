package io.runvault.mlflow;

import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.models.NewVersion;
import io.runvault.runs.FileEntry;
import io.runvault.runs.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * model-versions/create: finds the committed run and the file a source names and adds the version
 * at raw (None). Sources are {@code runs:/<MLflow run id>/<path>}, {@code mlflow-artifacts:/<experiment
 * id>/<run id>/artifacts/<path>}, or a path in a Runvault run named by {@code run_id}. An MLflow
 * model folder (with its {@code MLmodel} file) is registered as that file.
 */
@ApplicationScoped
public class VersionRegistration {

    @Inject
    ModelService models;

    @Inject
    MlflowRegistry registry;

    @Inject
    TrackedRuns runs;

    @Inject
    ArtifactService artifacts;

    @Inject
    RunService runService;

    private record Target(String runvaultRunId, String path) {
    }

    @Transactional
    public ModelVersion create(String model, String source, String runId, List<MlflowRequest> tags, String description,
                               String user) {
        if (source == null || source.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'source'");
        }
        Target target = resolve(source, runId);
        ModelVersion version = models.addVersion(model, new NewVersion(target.runvaultRunId(), target.path()), user);
        registry.recordSource(model, version.version(), source);
        for (MlflowRequest tag : tags) {
            registry.setVersionTag(model, version.version(), tag.requiredText("key"), tag.text("value"));
        }
        if (description != null && !description.isEmpty()) {
            registry.describe(model, version.version(), description);
        }
        return version;
    }

    private Target resolve(String source, String runId) {
        if (source.startsWith("runs:/")) {
            String[] parts = source.substring("runs:/".length()).split("/", 2);
            return inCommitted(ended(runs.get(parts[0])), ArtifactService.FOLDER + (parts.length > 1 ? parts[1] : ""));
        }
        if (source.startsWith("mlflow-artifacts:/")) {
            ArtifactService.Address address = artifacts.address(source.substring("mlflow-artifacts:/".length()).replaceAll("^/+", ""));
            return inCommitted(ended(address.run()), ArtifactService.FOLDER + address.path());
        }
        if (runId != null && runId.startsWith("blake2b:")) {
            return inCommitted(runId, source.replaceFirst("^runvault:/runs/[^/]+/files/", ""));
        }
        if (runId != null && !runId.isEmpty()) {
            return inCommitted(ended(runs.get(runId)), ArtifactService.FOLDER + source.replaceAll("^/+", ""));
        }
        throw MlflowException.invalid("Unsupported source '" + source + "': use runs:/<run id>/<path>, "
                + "mlflow-artifacts:/<experiment id>/<run id>/artifacts/<path>, or run_id with a path in that run");
    }

    /** The committed run of an MLflow run, which must have ended: versions are made of immutable runs. */
    private static String ended(TrackedRun run) {
        if (!run.ended()) {
            throw MlflowException.invalid("Run " + run.runId() + " is still running; end it (runs/update with status "
                    + "FINISHED) first, so that the version refers to the committed, immutable run");
        }
        return run.runvaultRunId();
    }

    /** The file at {@code path} in the run, or the MLmodel file of the model folder there. */
    private Target inCommitted(String runvaultRunId, String path) {
        String clean = path.replaceAll("/+$", "");
        Set<String> files = runService.view(runvaultRunId).files().stream().map(FileEntry::path).collect(Collectors.toSet());
        if (files.contains(clean)) {
            return new Target(runvaultRunId, clean);
        }
        if (files.contains(clean + "/MLmodel")) {
            return new Target(runvaultRunId, clean + "/MLmodel");
        }
        throw MlflowException.invalid("The run " + runvaultRunId + " has no file or MLflow model folder '" + clean + "'");
    }
}
