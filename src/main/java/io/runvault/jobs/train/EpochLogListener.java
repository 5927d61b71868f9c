package io.runvault.jobs.train;

import io.runvault.jobs.JobLog;
import io.runvault.training.EpochMetrics;
import io.runvault.training.TrainingListener;
import java.util.Locale;
import java.util.function.Function;

/** Writes one line per finished epoch to the job's log. */
public record EpochLogListener(String jobId, JobLog log, Function<EpochMetrics, String> line) implements TrainingListener {

    /** Lines such as {@code <prefix>epoch 3/10 train_loss=0.4123 val_auc=0.8812 ...}, every metric of the epoch. */
    public static EpochLogListener allMetrics(String jobId, JobLog log, String prefix, int epochs) {
        return new EpochLogListener(jobId, log, metrics -> {
            StringBuilder text = new StringBuilder(prefix + "epoch " + metrics.epoch() + "/" + epochs);
            metrics.asMap().forEach((name, value) -> text.append(' ').append(name).append('=').append(format(value)));
            return text.toString();
        });
    }

    public static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    @Override
    public void onEpoch(EpochMetrics metrics) {
        log.append(jobId, line.apply(metrics));
    }
}
