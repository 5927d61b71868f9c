package io.runvault.jobs.bundle;

import io.runvault.evaluation.McNemarTest;
import io.runvault.models.TransitionView;
import io.runvault.models.VersionView;
import io.runvault.runs.RunManifest;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * CHANGELOG.md of a production bundle: what changed against the version that was in production
 * before (parameters, metrics with deltas, the dataset, a McNemar test of the two models on the
 * bundle's images), who approved the version and when.
 */
final class BundleChangelog {

    /** The two models' correctness on the same images, or null when the previous one could not be scored. */
    record Comparison(String dataset, boolean[] previousCorrect, boolean[] currentCorrect, String whyNot) {
    }

    private BundleChangelog() {
    }

    static String write(VersionView current, RunManifest currentRun, VersionView previous, RunManifest previousRun,
                        Comparison comparison) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(current.model()).append(" version ").append(current.version()).append("\n\n");
        TransitionView entered = entered(current.history());
        md.append(entered == null ? "Not in production when this bundle was built (stage: " + current.stage() + ").\n"
                : "Entered production " + entered.at() + ", approved by " + entered.actor()
                        + (entered.requestId() == null ? "" : " (request " + entered.requestId() + ")") + ".\n");
        if (previous == null) {
            md.append("\nThe first production version of this model: nothing to compare with.\n");
            return md.toString();
        }
        md.append("Replaces version ").append(previous.version()).append(" (run ").append(previous.runId()).append(").\n");

        md.append("\n## Parameters\n\n");
        TreeSet<String> names = new TreeSet<>(currentRun.params().keySet());
        names.addAll(previousRun.params().keySet());
        StringBuilder rows = new StringBuilder();
        for (String name : names) {
            Object was = previousRun.params().get(name);
            Object is = currentRun.params().get(name);
            if (!Objects.equals(was, is)) {
                rows.append("| ").append(cell(name)).append(" | ").append(cell(was)).append(" | ").append(cell(is)).append(" |\n");
            }
        }
        md.append(rows.length() == 0 ? "No parameter changed.\n"
                : "| parameter | version " + previous.version() + " | version " + current.version() + " |\n| --- | --- | --- |\n" + rows);

        md.append("\n## Metrics\n\n| metric | version ").append(previous.version()).append(" | version ")
                .append(current.version()).append(" | change |\n| --- | --- | --- | --- |\n");
        TreeSet<String> metrics = new TreeSet<>(currentRun.metrics().keySet());
        metrics.addAll(previousRun.metrics().keySet());
        for (String name : metrics) {
            Double was = previousRun.metrics().get(name);
            Double is = currentRun.metrics().get(name);
            md.append("| ").append(cell(name)).append(" | ").append(number(was)).append(" | ").append(number(is))
                    .append(" | ").append(was == null || is == null ? "" : signed(is - was)).append(" |\n");
        }

        md.append("\n## Data\n\n");
        md.append("- version ").append(previous.version()).append(": ").append(dataset(previousRun)).append('\n');
        md.append("- version ").append(current.version()).append(": ").append(dataset(currentRun)).append('\n');

        md.append("\n## Compared on the same images\n\n");
        if (comparison.whyNot() != null) {
            md.append(comparison.whyNot()).append('\n');
        } else {
            int n = comparison.currentCorrect().length;
            double was = share(comparison.previousCorrect());
            double is = share(comparison.currentCorrect());
            McNemarTest test = McNemarTest.of(comparison.previousCorrect(), comparison.currentCorrect());
            md.append(String.format(Locale.ROOT, "On %d validation images of %s: accuracy %.4f (version %d) -> %.4f "
                    + "(version %d), %s. McNemar's exact test: %d images only version %d got right, %d only version %d; "
                    + "p = %.4g (%s at the 0.05 level).%n", n, comparison.dataset(), was, previous.version(), is,
                    current.version(), signed(is - was), test.b(), previous.version(), test.c(), current.version(),
                    test.exactP(), test.exactP() < 0.05 ? "a significant difference" : "no significant difference"));
        }
        return md.toString();
    }

    /** The most recent move into production of a version with this history, or null. */
    static TransitionView entered(java.util.List<TransitionView> history) {
        TransitionView last = null;
        for (TransitionView t : history) {
            if (t.to().equals("production")) {
                last = t;
            }
        }
        return last;
    }

    private static String dataset(RunManifest run) {
        if (run.lineage() == null || run.lineage().datasetName() == null && run.lineage().datasetDigest() == null) {
            return "not recorded";
        }
        return Objects.toString(run.lineage().datasetName(), "unnamed") + " (" + Objects.toString(run.lineage().datasetDigest(), "no digest") + ")";
    }

    private static double share(boolean[] correct) {
        int k = 0;
        for (boolean c : correct) {
            k += c ? 1 : 0;
        }
        return correct.length == 0 ? 0 : (double) k / correct.length;
    }

    private static String cell(Object value) {
        return value == null ? "(none)" : String.valueOf(value).replace("|", "\\|").replace("\n", " ");
    }

    private static String number(Double value) {
        return value == null ? "(none)" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String signed(double delta) {
        return String.format(Locale.ROOT, "%+.4g", delta);
    }
}
