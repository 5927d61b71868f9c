package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.evaluation.ComparedModel;
import io.runvault.evaluation.ComparisonReports;
import io.runvault.evaluation.ComparisonResult;
import io.runvault.evaluation.ModelComparison;
import io.runvault.evaluation.SeedGroupSummary;
import io.runvault.evaluation.SeedGroups;
import io.runvault.evaluation.SeedRun;
import io.runvault.export.ModelMismatchException;
import io.runvault.export.RunModels;
import io.runvault.jobs.JobEntity;
import io.runvault.jobs.JobExecution;
import io.runvault.jobs.JobLog;
import io.runvault.jobs.JobService;
import io.runvault.runs.RunEntity;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.training.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one execution of a comparison job: each run's model on the same images (one progress unit
 * per run), then the pairwise comparison and the seed groups (runs whose parameters differ only by
 * seed), committed as a run whose parents are the compared runs.
 */
@ApplicationScoped
public class CompareJobRunner {

    @Inject
    JobService jobs;

    @Inject
    JobLog log;

    @Inject
    DatasetCatalog datasets;

    @Inject
    RunModels models;

    @Inject
    RunService runs;

    @Inject
    DerivedRuns derived;

    @Inject
    JobExecution execution;

    public String run(String jobId, long executionId) throws Exception {
        return execution.execute(jobId, executionId, (job, live) -> {
            CompareJobSpec spec = CompareJobSpec.parse(job.spec());
            DatasetCatalog.Loaded dataset = datasets.load(spec.dataset());
            LabelledImages images = EvaluationData.select(dataset, spec.split(), spec.samples(), spec.seed());
            log.append(jobId, "data: " + EvaluationData.describe(dataset.name(), spec.split(), images));
            List<ComparedModel> compared = new ArrayList<>();
            List<SeedRun> seedRuns = new ArrayList<>();
            Map<String, Double> metrics = new TreeMap<>();
            List<String> engines = new ArrayList<>();
            for (int k = 0; k < spec.runs().size(); k++) {
                String runId = spec.runs().get(k);
                RunEntity run = runs.get(runId);
                float[][] rows;
                try (RunModels.Opened opened = models.open(runId, spec.engine(), images, null)) {
                    log.append(jobId, "model " + (k + 1) + "/" + spec.runs().size() + ": " + opened.file() + " of run "
                            + run.name() + " through " + opened.engine());
                    engines.add(opened.engine());
                    int epoch = k + 1;
                    rows = BatchScoring.score(opened.classifier(), images, live, epoch,
                            () -> jobs.progress(jobId, epoch, live.position().step(), live.position().stepsPerEpoch(), null));
                } catch (ModelMismatchException unfit) {
                    throw new ModelMismatchException("run " + runId + ": " + unfit.getMessage(), unfit);
                }
                String name = uniqueName(run.name(), compared);
                compared.add(new ComparedModel(name, EvaluateJobRunner.predictions(images, rows)));
                Map<String, Double> own = Evaluation.of(rows, images.labels(), images.classNames()).metrics("test_");
                String suffix = "_" + (k + 1);
                own.forEach((metric, value) -> metrics.put(metric + suffix, value));
                log.append(jobId, String.format(Locale.ROOT, "  accuracy %.4f", own.get("test_accuracy")));
                RunManifest manifest = runs.manifest(run);
                seedRuns.add(new SeedRun(SeedGroups.groupKey(manifest.params()), name, seed(manifest.params()), own));
            }
            ComparisonResult result = ModelComparison.compare(compared, spec.seed());
            List<SeedGroupSummary> groups = SeedGroups.summarize(seedRuns);
            log.append(jobId, compared.size() + " models compared; " + groups.size() + " seed group(s)");
            return commit(job, spec, dataset, images, result, groups, metrics, engines);
        });
    }

    /** A run's human name, made unique within the comparison (two runs may share one). */
    private static String uniqueName(String name, List<ComparedModel> so) {
        String candidate = name;
        for (int i = 2; taken(candidate, so); i++) {
            candidate = name + "#" + i;
        }
        return candidate;
    }

    private static boolean taken(String name, List<ComparedModel> so) {
        return so.stream().anyMatch(m -> m.name().equals(name));
    }

    private static long seed(Map<String, Object> params) {
        for (String key : SeedGroups.SEED_PARAMS) {
            if (params.get(key) instanceof Number n) {
                return n.longValue();
            }
        }
        return 0;
    }

    private String commit(JobEntity job, CompareJobSpec spec, DatasetCatalog.Loaded dataset, LabelledImages images,
                          ComparisonResult result, List<SeedGroupSummary> groups, Map<String, Double> metrics,
                          List<String> engines) throws Exception {
        Path dir = derived.workFolder(job);
        ComparisonReports.writeSuite(dir, result, groups);
        Map<String, Object> frozen = new LinkedHashMap<>();
        frozen.put("kind", CompareJobKind.NAME);
        frozen.put("experiment", spec.experiment());
        frozen.put("runs", spec.runs());
        frozen.put("dataset", spec.dataset());
        frozen.put("split", spec.split());
        frozen.put("samples", spec.samples());
        frozen.put("engine", spec.engine());
        frozen.put("seed", spec.seed());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("runs", String.join(",", spec.runs()));
        params.put("dataset", spec.dataset());
        params.put("split", spec.split());
        params.put("samples", spec.samples());
        params.put("seed", spec.seed());
        params.put("engines", String.join(",", engines));
        params.put("images", images.size());
        params.put("seedGroups", groups.size());
        params.put("datasetDigest", dataset.digest().toString());
        Map<String, String> tags = Map.of("kind", CompareJobKind.NAME);
        return derived.commit(job, dir, new DerivedRuns.Content(spec.experiment(), frozen, params, metrics, tags,
                spec.runs(), dataset.name(), dataset.digest()));
    }
}
