package io.runvault.jobs.evaluate;

import io.runvault.evaluation.Classifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The part of an evaluation kind that differs from the others: what it computes from each opened
 * model and the files it adds to the run. Loading the data, opening the models, the job log, progress
 * and the commit are {@link EvaluationJobRunner}'s.
 */
public interface EvaluationScorer {

    /** The job kind it scores for ({@code evaluate}, ...). */
    String kind();

    /** The scoring of one execution, from the spec the job stored. */
    Scoring start(String spec);

    /** One execution's scoring; it keeps what it computed between models. */
    interface Scoring {

        EvaluationTarget target();

        /** Scores one opened model; called for each run of the target in order, while the model is open. */
        void score(ModelUsed model, Classifier classifier, ScoringContext context) throws Exception;

        /** After every model: the run's metrics, the kind's own params, and its files. */
        Scored finish(ScoringContext context) throws Exception;
    }

    /**
     * What a scoring adds to the run.
     *
     * @param params params besides the ones every evaluation run records
     */
    record Scored(Map<String, Double> metrics, Map<String, Object> params, Reports reports) {
    }

    /** Writes the kind's reports into the run's work folder. */
    @FunctionalInterface
    interface Reports {
        void writeTo(Path dir) throws IOException;
    }
}
