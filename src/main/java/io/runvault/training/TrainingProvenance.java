package io.runvault.training;

import io.runvault.runs.Lineage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a trained model came from: the data, the seed and device, and the code and libraries that
 * trained it. Built once when a run is assembled and read by everything that records it (the run's
 * summary and its lineage), so the facts agree everywhere. Runs that train nothing themselves but
 * stand on data scored or searched by this appliance (evaluations, studies, cross-validation
 * summaries) record the same facts through {@link #ofData}.
 *
 * @param datasetName the dataset as users name it ({@code fashion-mnist})
 * @param datasetDigest the digest of the exact images trained on
 * @param seed the spec's seed
 * @param device the device trained on ({@code cpu()}, {@code gpu(0)}); {@link #NOT_TRAINED} for runs that trained nothing
 * @param appliance the appliance build that trained
 * @param engine the training engine's versions and resources ({@link TrainingEngine#describe()})
 */
public record TrainingProvenance(
        String datasetName,
        String datasetDigest,
        long seed,
        String device,
        Appliance appliance,
        Map<String, String> engine) {

    /** The device of a run that trained no model itself. */
    public static final String NOT_TRAINED = "none";

    public TrainingProvenance {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(datasetDigest, "datasetDigest");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(appliance, "appliance");
        engine = Collections.unmodifiableMap(new LinkedHashMap<>(engine));
    }

    /** The provenance of {@code result}, trained on the named data by {@code appliance}, with the engine loaded now. */
    public static TrainingProvenance of(String datasetName, String datasetDigest, TrainingResult result,
                                        Appliance appliance) {
        return new TrainingProvenance(datasetName, datasetDigest, result.spec().seed(), result.device(), appliance,
                TrainingEngine.describe());
    }

    /**
     * The provenance of a run that trained no model itself (an evaluation, a study, the summary of
     * cross-validation folds): the data it used, its seed and the appliance; no device or engine.
     */
    public static TrainingProvenance ofData(String datasetName, String datasetDigest, long seed, Appliance appliance) {
        return new TrainingProvenance(datasetName, datasetDigest, seed, NOT_TRAINED, appliance, Map.of());
    }

    /** The run's lineage: its {@code parents}, this data and appliance, and the digest of its environment file. */
    public Lineage lineage(List<String> parents, String environmentDigest) {
        return new Lineage(parents, datasetDigest, datasetName, appliance.codeVersion(), environmentDigest);
    }

    /**
     * The appliance build.
     *
     * @param version the appliance version
     * @param commit the full git commit it was built from ({@code unknown} outside a clone)
     * @param dirty {@code true} when that tree had uncommitted changes, {@code false}, or {@code unknown}
     * @param codeVersion {@code runvault:<version>+git:<short commit>}, as run lineage records it
     */
    public record Appliance(String version, String commit, String dirty, String codeVersion) {

        /** version, commit and dirty, as a run's summary records them. */
        public Map<String, String> facts() {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("version", version);
            facts.put("commit", commit);
            facts.put("dirty", dirty);
            return facts;
        }
    }
}
