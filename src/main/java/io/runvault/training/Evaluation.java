package io.runvault.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's predictions on a labelled set and what they score.
 *
 * @param probabilities N x classes softmax outputs
 * @param predictions the most probable class of each image
 * @param labels the true classes
 * @param confusion {@code confusion[true][predicted]}
 * @param perClass precision, recall, F1 and support per class
 * @param loss mean cross-entropy (unweighted)
 * @param accuracy fraction correct
 * @param auc macro one-vs-rest ROC AUC
 * @param macroF1 unweighted mean of the class F1 scores
 * @param balancedAccuracy mean recall over the classes
 * @param quadraticKappa Cohen's kappa with quadratic weights
 * @param ece expected calibration error over 15 confidence bins
 */
public record Evaluation(
        float[][] probabilities,
        int[] predictions,
        int[] labels,
        int[][] confusion,
        List<ClassReport> perClass,
        double loss,
        double accuracy,
        double auc,
        double macroF1,
        double balancedAccuracy,
        double quadraticKappa,
        double ece) {

    /** Confidence bins of the calibration error (the usual choice in the calibration literature). */
    public static final int CALIBRATION_BINS = 15;

    /** Scores {@code probabilities} against {@code labels}. */
    public static Evaluation of(float[][] probabilities, int[] labels, List<String> classNames) {
        int k = classNames.size();
        int[] predictions = ClassificationMetrics.argmax(probabilities);
        int[][] confusion = ClassificationMetrics.confusionMatrix(labels, predictions, k);
        return new Evaluation(probabilities, predictions, labels, confusion,
                ClassificationMetrics.perClass(confusion, classNames),
                ClassificationMetrics.logLoss(labels, probabilities),
                ClassificationMetrics.accuracy(labels, predictions),
                ClassificationMetrics.macroAucOvr(labels, probabilities, k),
                ClassificationMetrics.macroF1(confusion),
                ClassificationMetrics.balancedAccuracy(confusion),
                ClassificationMetrics.quadraticKappa(confusion),
                ClassificationMetrics.expectedCalibrationError(labels, probabilities, CALIBRATION_BINS));
    }

    /** The scores named with {@code prefix} ({@code val_loss}, {@code val_accuracy}, ...); loss is the log loss. */
    public Map<String, Double> metrics(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "loss", loss);
        m.put(prefix + "accuracy", accuracy);
        m.put(prefix + "auc", auc);
        m.put(prefix + "macro_f1", macroF1);
        m.put(prefix + "balanced_accuracy", balancedAccuracy);
        m.put(prefix + "quadratic_kappa", quadraticKappa);
        m.put(prefix + "ece", ece);
        return m;
    }
}
