package io.runvault.jobs.evaluate;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import java.util.List;

/** The images the evaluation kinds score: one split of a dataset, optionally a seeded stratified subset. */
public final class EvaluationData {

    static final List<String> SPLITS = List.of("test", "val", "train");
    /** The validation share drawn from the training split when a dataset has no validation split of its own. */
    static final double VAL_FRACTION = 0.1;

    private EvaluationData() {
    }

    /**
     * {@code test} and {@code train} are the dataset's splits; {@code val} is its own validation split,
     * else a seeded stratified tenth of the training split. {@code samples} 0 keeps them all.
     */
    public static LabelledImages select(DatasetCatalog.Loaded dataset, String split, int samples, long seed) {
        LabelledImages all = switch (split) {
            case "test" -> dataset.test();
            case "train" -> dataset.train();
            case "val" -> dataset.val() != null ? dataset.val()
                    : Splits.stratified(dataset.train(), VAL_FRACTION, seed).val();
            default -> throw new IllegalArgumentException("split is one of " + SPLITS);
        };
        if (samples <= 0 || samples >= all.size()) {
            return all;
        }
        return Splits.stratified(all, (double) samples / all.size(), seed).val();
    }

    /** One line for the job log. */
    static String describe(String dataset, String split, LabelledImages images) {
        return dataset + " " + split + ": " + images.size() + " images of " + images.channels() + "x" + images.height()
                + "x" + images.width() + ", " + images.numClasses() + " classes";
    }
}
