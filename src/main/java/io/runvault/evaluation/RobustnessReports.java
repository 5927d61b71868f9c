package io.runvault.evaluation;

import io.runvault.reports.Figures;
import io.runvault.reports.ReportFiles;
import io.runvault.reports.SampleGridFigure;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a robustness run's outputs under a run directory, each file through a temporary file
 * renamed into place:
 * <pre>
 * figures/robustness_accuracy.png  figures/robustness_errors.png
 * figures/corruptions/&lt;corruption&gt;.png   (a sample grid per corruption)
 * reports/robustness.xlsx
 * metrics/robustness_metrics.csv   corruption, severity, parameter, accuracy, error, relative_drop (clean: severity 0)
 * metrics/robustness_metrics.json  the flat metrics of {@link RobustnessResult#metrics()} (+ the baseline's CE)
 * </pre>
 */
public final class RobustnessReports {

    private RobustnessReports() {
    }

    /** Writes the suite; {@code baseline} may be null. Returns the relative paths written, in the order above. */
    public static List<String> writeSuite(Path runDir, RobustnessResult result, ErrorBaseline baseline) throws IOException {
        ReportFiles files = new ReportFiles(runDir);
        CorruptionErrors errors = CorruptionErrors.of(result, baseline);
        files.write("figures/robustness_accuracy.png", out -> Figures.writePng(RobustnessFigures.accuracy(result), out));
        files.write("figures/robustness_errors.png", out -> Figures.writePng(RobustnessFigures.errors(errors), out));
        if (!result.cleanSamples().isEmpty()) {
            for (Corruption c : result.corruptions()) {
                files.write("figures/corruptions/" + c.id() + ".png",
                        out -> SampleGridFigure.writePng(RobustnessFigures.grid(result, c), RobustnessFigures.gridTitle(result, c), out));
            }
        }
        files.write("reports/robustness.xlsx", out -> RobustnessWorkbook.write(result, baseline, out));
        files.write("metrics/robustness_metrics.csv", out -> {
            OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            csv.printRecord("corruption", "severity", "parameter", "accuracy", "error", "relative_drop");
            csv.printRecord("clean", 0, "", CsvNumbers.text(result.cleanAccuracy()), CsvNumbers.text(result.cleanError()), "0.0");
            for (CorruptionAccuracy a : result.accuracies()) {
                csv.printRecord(a.corruption().id(), a.severity(), CsvNumbers.text(a.corruption().parameter(a.severity())),
                        CsvNumbers.text(a.accuracy()), CsvNumbers.text(a.error()), CsvNumbers.text(result.relativeDrop(a.corruption(), a.severity())));
            }
            csv.flush();
        });
        files.write("metrics/robustness_metrics.json", out -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("images", result.samples());
            doc.put("seed", result.seed());
            doc.put("mce_reference", "own_clean_error");
            Map<String, Double> metrics = new LinkedHashMap<>(result.metrics());
            if (baseline != null) {
                doc.put("baseline", baseline.name());
                metrics.putAll(errors.metrics());
            }
            doc.put("metrics", metrics);
            JsonNumbers.write(doc, out);
        });
        return files.written();
    }
}
