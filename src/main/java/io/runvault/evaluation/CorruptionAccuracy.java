package io.runvault.evaluation;

/** How a model did on the test set under one corruption at one severity. */
public record CorruptionAccuracy(Corruption corruption, int severity, long correct, long total) {

    public CorruptionAccuracy {
        Corruption.checkSeverity(severity);
        if (total <= 0 || correct < 0 || correct > total) {
            throw new IllegalArgumentException(correct + " correct of " + total);
        }
    }

    public double accuracy() {
        return (double) correct / total;
    }

    public double error() {
        return 1.0 - accuracy();
    }
}
