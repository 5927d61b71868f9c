package io.runvault.jobs.crossval;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.datasets.LabelledImages;
import io.runvault.datasets.Splits;
import io.runvault.jobs.train.TrainJobRunner;
import io.runvault.jobs.train.TrainJobSpec;
import io.runvault.store.Digest;
import io.runvault.studies.Fold;
import io.runvault.studies.Folds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The pooled training data of each running cross-validation job and its folds. Loaded once per job
 * and shared by the fold partitions (a dataset can be hundreds of MB; each partition loading its own
 * copy would multiply that by the concurrency). The folds are a pure function of the pool's labels
 * (and groups), k and the seed, so every execution of a job, and the parent run's CSVs, see the same ones.
 */
@ApplicationScoped
public class CrossValidationPools {

    @Inject
    DatasetCatalog datasets;

    private final Map<String, CompletableFuture<Pool>> pools = new ConcurrentHashMap<>();

    /**
     * A job's pool.
     *
     * @param data the pooled training images (the dataset's train split, or its seeded stratified subset)
     * @param sampleIndex for each pool position, the image's index in the dataset's train split
     * @param groups the group of each pool position, or null when the dataset has none
     * @param folds k folds over pool positions (fold k is {@code folds.get(k - 1)})
     */
    public record Pool(String name, Digest digest, LabelledImages data, int[] sampleIndex, int[] groups,
                       LabelledImages test, List<Fold> folds) {

        public Fold fold(int fold) {
            return folds.get(fold - 1);
        }

        /** Fold {@code fold}'s training and validation images, with the test images every fold is tested on. */
        public TrainJobRunner.Data dataOf(int fold) {
            Fold f = fold(fold);
            return new TrainJobRunner.Data(name, digest, data.subset(f.train()), data.subset(f.validation()), test);
        }
    }

    public Pool get(String jobId, CrossValidationSpec spec) throws IOException {
        CompletableFuture<Pool> mine = new CompletableFuture<>();
        CompletableFuture<Pool> pool = pools.putIfAbsent(jobId, mine);
        if (pool == null) {
            pool = mine;
            try {
                mine.complete(load(spec));
            } catch (IOException | RuntimeException | Error e) {
                pools.remove(jobId, mine);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return pool.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the pool loaded", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    public void release(String jobId) {
        pools.remove(jobId);
    }

    /** The pool as a train job would subset it (same seed, same stratification, groups kept whole). */
    static Pool load(CrossValidationSpec spec, DatasetCatalog.Loaded dataset) {
        TrainJobSpec job = spec.job();
        long seed = job.training().seed();
        LabelledImages train = dataset.train();
        int[] groups = dataset.trainGroups();
        int[] index;
        if (job.trainSamples() > 0 && job.trainSamples() < train.size()) {
            double fraction = (double) job.trainSamples() / train.size();
            index = groups == null ? Splits.stratified(train.labels(), train.numClasses(), fraction, seed).val()
                    : Splits.byGroup(train.labels(), train.numClasses(), groups, fraction, seed).val();
        } else {
            index = new int[train.size()];
            Arrays.setAll(index, i -> i);
        }
        LabelledImages pool = train.subset(index);
        int[] poolGroups = groups == null ? null : Splits.pick(groups, index);
        List<Fold> folds = poolGroups == null ? Folds.stratified(pool.labels(), spec.folds(), seed)
                : Folds.stratifiedGroups(pool.labels(), Arrays.stream(poolGroups).boxed().toArray(), spec.folds(), seed);
        LabelledImages test = dataset.test();
        if (job.testSamples() > 0 && job.testSamples() < test.size()) {
            test = Splits.stratified(test, (double) job.testSamples() / test.size(), seed + 1).val();
        }
        return new Pool(dataset.name(), dataset.digest(), pool, index, poolGroups, test, folds);
    }

    private Pool load(CrossValidationSpec spec) throws IOException {
        return load(spec, datasets.load(spec.job().dataset()));
    }
}
