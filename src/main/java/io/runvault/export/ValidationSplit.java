package io.runvault.export;

import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;

/**
 * Re-creates a training job's validation images from its frozen config: the seeded stratified
 * subset of the training split (when {@code trainSamples} asked for one), then the seeded stratified
 * validation split; the same steps as {@code jobs.TrainJobRunner}. The caller checks the dataset
 * digest and the size against the run's records, so a drift is caught, not silently measured.
 */
final class ValidationSplit {

    private ValidationSplit() {}

    static LabelledImages of(LabelledImages trainSplit, int trainSamples, double valFraction, long seed) {
        LabelledImages pool = trainSamples <= 0 || trainSamples >= trainSplit.size() ? trainSplit
                : Splits.stratified(trainSplit, (double) trainSamples / trainSplit.size(), seed).val();
        return Splits.stratified(pool, valFraction, seed).val();
    }
}
