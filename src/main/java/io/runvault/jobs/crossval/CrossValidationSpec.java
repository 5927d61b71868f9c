package io.runvault.jobs.crossval;

import io.runvault.jobs.RequestBinder;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.training.TrainingConfig;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A cross-validation job ready to run, made from a bound {@link CrossValidationRequest}: its folds
 * train like a train job ({@link TrainJobSpec}, checked by the same rules) on their parts of the pool.
 */
public record CrossValidationSpec(TrainJobSpec job, int folds, int concurrency) {

    public static final int DEFAULT_FOLDS = 5;
    public static final int MAX_FOLDS = 20;

    /** The spec of a bound (valid) request. */
    public static CrossValidationSpec of(CrossValidationRequest request) {
        return new CrossValidationSpec(TrainJobSpec.of(config(request), null), request.folds(), request.concurrency());
    }

    /** The spec stored with a job (accepted at submit, so not checked again). */
    public static CrossValidationSpec read(String stored) {
        return of(RequestBinder.read(stored, CrossValidationRequest.class));
    }

    /** The checks of a request beyond its members' constraints, a reason per problem added to {@code errors}. */
    public static void check(CrossValidationRequest request, TrainJobSpec.Registry registry, List<String> errors) {
        if (request.concurrency() > request.folds()) {
            errors.add("concurrency (folds trained at once) is 1-folds (" + request.folds() + "), got "
                    + request.concurrency());
        }
        TrainJobSpec.check(config(request), registry, errors);
        if (errors.isEmpty()) {
            checkPool(of(request).job(), request.folds(), registry.trainPool(), errors);
        }
    }

    /** Each fold trains like a train job on its part of the pool (the validation fraction is unused). */
    private static TrainingConfig config(CrossValidationRequest request) {
        return new TrainingConfig(request.data(), null, request.training());
    }

    /** Every fold needs training images, and at least a batch of them. */
    private static void checkPool(TrainJobSpec job, int folds, ToIntFunction<String> trainPool, List<String> errors) {
        int available = trainPool.applyAsInt(job.dataset());
        int pool = job.trainSamples() > 0 ? Math.min(job.trainSamples(), available) : available;
        int foldTrain = pool - (int) Math.ceil((double) pool / folds);
        if (pool < folds) {
            errors.add(folds + " folds need at least " + folds + " training images, the pool has " + pool);
        } else if (job.training().batchSize() > foldTrain) {
            errors.add("batchSize " + job.training().batchSize() + " is larger than a fold's training data ("
                    + foldTrain + " of " + pool + " images with " + folds + " folds)");
        }
    }

    /** Progress units: every fold trains {@code epochs} epochs. */
    public int totalEpochs() {
        return folds * job.training().epochs();
    }
}
