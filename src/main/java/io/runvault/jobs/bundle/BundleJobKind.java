package io.runvault.jobs.bundle;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobKind;
import io.runvault.jobs.RequestBinder;
import io.runvault.models.ModelService;
import io.runvault.models.ModelVersion;
import io.runvault.problem.NotFoundException;
import io.runvault.runs.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;

/** Builds a model version's production bundle (META-INF/batch-jobs/bundle.xml, {@link BundleJobRunner}). */
@ApplicationScoped
public class BundleJobKind implements JobKind {

    public static final String NAME = "bundle";

    @Inject
    ModelService models;

    @Inject
    RunModels runModels;

    @Inject
    RunService runs;

    @Inject
    DatasetCatalog datasets;

    @Inject
    Validator validator;

    @Inject
    BundleJobRunner runner;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Accepted accept(String body) {
        BundleJobRequest spec = new RequestBinder(validator).bind(body, BundleJobRequest.class, this::check);
        String dataset = dataset(spec);
        return new Accepted(spec.experiment(), 1,
                Map.of("model", spec.model(), "version", spec.version(), "dataset", dataset),
                spec.model() + " version " + spec.version() + ", " + spec.samples() + " images of " + dataset,
                RequestBinder.canonical(spec));
    }

    @Override
    public String run(Step step) throws Exception {
        return runner.run(step.jobId(), step.executionId());
    }

    /** The dataset the bundle is checked on: the spec's, else the one the version's run was made from. */
    String dataset(BundleJobRequest spec) {
        if (spec.dataset() != null) {
            return spec.dataset();
        }
        ModelVersion version = models.version(spec.model(), spec.version());
        return runs.manifest(runs.get(version.runId())).lineage().datasetName();
    }

    private void check(BundleJobRequest spec, List<String> errors) {
        if (spec.model() == null || spec.version() == null) {
            return;
        }
        ModelVersion version;
        try {
            version = models.version(spec.model(), spec.version());
        } catch (NotFoundException missing) {
            errors.add(missing.getMessage());
            return;
        }
        if (runModels.onnxOf(version.runId(), version.filePath()).isEmpty()) {
            errors.add("version " + spec.version() + " of " + spec.model() + " has no ONNX file (" + version.filePath()
                    + " is not one, and its run has no exports/model.onnx or single *.onnx)");
        }
        String dataset = dataset(spec);
        if (dataset == null) {
            errors.add("dataset is required: the version's run does not name the dataset it was made from");
        } else if (datasets.describe(dataset).isEmpty()) {
            errors.add("dataset '" + dataset + "' is not on this appliance");
        }
    }
}
