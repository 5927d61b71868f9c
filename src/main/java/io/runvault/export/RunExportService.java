package io.runvault.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.config.Settings;
import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.json.Json;
import io.runvault.json.Yaml;
import io.runvault.problem.ConflictException;
import io.runvault.problem.UnprocessableException;
import io.runvault.runs.FileEntry;
import io.runvault.runs.Lineage;
import io.runvault.runs.RunDraft;
import io.runvault.runs.RunDrafts;
import io.runvault.runs.RunEntity;
import io.runvault.runs.RunManifest;
import io.runvault.runs.RunService;
import io.runvault.store.BlobStore;
import io.runvault.training.Checkpoint;
import io.runvault.training.EnvironmentReport;
import io.runvault.training.TrainingConfig;
import io.runvault.training.TrainingSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exports runs trained before ONNX export existed. Runs are immutable, so the export is a new run:
 * the old run's content and files plus {@code exports/model.onnx} and {@code exports/parity.json},
 * with the old run as its parent. The new run keeps the old run's {@code createdAt} (it describes
 * the same training), so exporting the same run again commits the same manifest: the same run.
 */
@ApplicationScoped
public class RunExportService {

    static final String CONFIG_PATH = "reports/config_snapshot.yaml";
    static final String SUMMARY_PATH = "reports/summary.json";
    /** One export at a time: each runs a whole validation set through two engines. */
    private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock(true);

    @Inject
    RunService runs;

    @Inject
    BlobStore blobs;

    @Inject
    RunDrafts drafts;

    @Inject
    DatasetCatalog datasets;

    @Inject
    Settings settings;

    @Inject
    EnvironmentReport environment;

    /** The outcome, and whether this call committed the run (false: the same export existed). */
    public record Outcome(RunExport export, boolean created) {}

    public Outcome export(String runId, String user) {
        RunEntity run = runs.get(runId);
        RunManifest manifest = runs.manifest(run);
        if (manifest.files().stream().anyMatch(f -> f.path().equals(OnnxExport.MODEL_PATH))) {
            throw new ConflictException("already-exported", "Run " + run.id() + " already has "
                    + OnnxExport.MODEL_PATH + "; runs are immutable and an export is made once");
        }
        FileEntry config = manifest.files().stream().filter(f -> f.path().equals(CONFIG_PATH)).findFirst()
                .orElseThrow(() -> new UnprocessableException("no-config-snapshot", "Run " + run.id() + " has no "
                        + CONFIG_PATH + ": the frozen training spec is needed to rebuild the network"));
        TrainingConfig spec = spec(run, read(config));
        TrainingSpec training = spec.parameters().toSpec();
        FileEntry checkpoint = checkpoint(run, manifest, training.architecture().externalName());
        byte[] parameters = parameters(read(checkpoint));
        LabelledImages validation = validation(run, manifest, spec);

        ONE_AT_A_TIME.lock();
        try (RunDraft draft = drafts.open(settings.dataDirectory().resolve("exports").resolve("work-" + UUID.randomUUID()))) {
            ParityReport parity;
            try {
                parity = OnnxExport.writeExports(draft.folder(), training, parameters, validation,
                        validation.classNames(), environment.appliance(), Map.of(OnnxExport.RUN_ID, run.id()));
            } catch (UnsupportedBlockException e) {
                throw new UnprocessableException("export-unsupported", "Run " + run.id() + " cannot be exported: "
                        + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UnprocessableException("checkpoint-mismatch", "The checkpoint " + checkpoint.path()
                        + " does not fit the network of " + CONFIG_PATH + ": " + e.getMessage());
            }
            // The old run's files as they are, then exports/model.onnx and exports/parity.json from the folder.
            manifest.files().forEach(draft::include);
            Lineage old = manifest.lineage();
            draft.experiment(manifest.experiment()).createdAt(manifest.createdAt()).params(manifest.params())
                    .metrics(manifest.metrics()).tags(manifest.tags())
                    .lineage(new Lineage(List.of(run.id()), old.datasetDigest(), old.datasetName(), old.codeVersion(),
                            old.environmentDigest()));
            manifest.series().forEach(draft::series);
            RunService.Commit commit = draft.commit(user);
            return new Outcome(new RunExport(commit.run(), run.id(), parity), commit.created());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ONE_AT_A_TIME.unlock();
        }
    }

    private TrainingConfig spec(RunEntity run, byte[] yaml) {
        try {
            TrainingConfig frozen = TrainingConfig.frozen(Yaml.MAPPER.readTree(yaml));
            frozen.parameters().toSpec();
            return frozen;
        } catch (IOException | RuntimeException e) {
            throw new UnprocessableException("bad-config-snapshot", "Run " + run.id() + "'s " + CONFIG_PATH
                    + " is not a usable training spec: " + e.getMessage());
        }
    }

    /** {@code checkpoints/best_<architecture>.params}, else the one {@code checkpoints/best*.params}. */
    private static FileEntry checkpoint(RunEntity run, RunManifest manifest, String architecture) {
        List<FileEntry> candidates = manifest.files().stream()
                .filter(f -> f.path().startsWith("checkpoints/best") && f.path().endsWith(".params")
                        && f.path().indexOf('/', "checkpoints/".length()) < 0)
                .toList();
        String preferred = "checkpoints/best_" + architecture + ".params";
        return candidates.stream().filter(f -> f.path().equals(preferred)).findFirst()
                .or(() -> candidates.size() == 1 ? candidates.stream().findFirst() : java.util.Optional.empty())
                .orElseThrow(() -> new UnprocessableException("no-checkpoint", candidates.isEmpty()
                        ? "Run " + run.id() + " has no checkpoints/best*.params to export"
                        : "Run " + run.id() + " has several checkpoints/best*.params and none is " + preferred));
    }

    /** Raw DJL parameters, or the best parameters of a whole training checkpoint. */
    private static byte[] parameters(byte[] stored) {
        if (stored.length >= 6 && new String(stored, 0, 6, StandardCharsets.ISO_8859_1).equals("RVCKPT")) {
            try {
                return Checkpoint.fromBytes(stored).bestParameters();
            } catch (IOException e) {
                throw new UnprocessableException("checkpoint-mismatch", "The checkpoint is damaged: " + e.getMessage());
            }
        }
        return stored;
    }

    private LabelledImages validation(RunEntity run, RunManifest manifest, TrainingConfig spec) {
        DatasetCatalog.Described dataset = datasets.describe(spec.data().dataset()).orElseThrow(() ->
                new UnprocessableException("dataset-unavailable", "Dataset '" + spec.data().dataset()
                        + "' is not on this appliance; the parity check needs the run's validation images"));
        String recorded = manifest.lineage().datasetDigest();
        if (recorded != null && !recorded.equals(dataset.digest().toString())) {
            throw new UnprocessableException("dataset-changed", "Run " + run.id() + " trained on " + spec.data().dataset()
                    + " " + recorded + "; this appliance has " + dataset.digest());
        }
        LabelledImages val;
        try {
            // Exactly the split the training job validated on (TrainJobRunner uses the same call).
            val = datasets.load(spec.data().dataset()).trainVal(spec.data().trainSamples(), spec.valFraction(),
                    spec.parameters().seed()).val();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Integer recordedSize = recordedValidationSize(manifest);
        if (recordedSize != null && recordedSize != val.size()) {
            throw new UnprocessableException("dataset-changed", "Run " + run.id() + " validated on " + recordedSize
                    + " images; its config now gives " + val.size());
        }
        return val;
    }

    /** {@code dataset.val} of reports/summary.json, when the run has one. */
    private Integer recordedValidationSize(RunManifest manifest) {
        return manifest.files().stream().filter(f -> f.path().equals(SUMMARY_PATH)).findFirst().map(f -> {
            try {
                JsonNode size = Json.MAPPER.readTree(read(f)).path("dataset").path("val");
                return size.isInt() ? size.intValue() : null;
            } catch (IOException e) {
                return null;
            }
        }).orElse(null);
    }

    private byte[] read(FileEntry file) {
        try {
            return blobs.readAllBytes(file.blob());
        } catch (IOException e) {
            throw new UncheckedIOException("The blob of " + file.path() + " is unreadable", e);
        }
    }
}
