package io.runvault.evaluation;

import io.runvault.reports.Figures;
import io.runvault.reports.ReportFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a comparison run's outputs under a run directory, each through a temporary file renamed
 * into place:
 * <pre>
 * figures/model_metrics.png   reports/comparison.xlsx   metrics/comparison.json
 * </pre>
 */
public final class ComparisonReports {

    private ComparisonReports() {
    }

    /** Writes the suite; {@code seedGroups} may be null or empty. Returns the relative paths written. */
    public static List<String> writeSuite(Path runDir, ComparisonResult result, List<SeedGroupSummary> seedGroups)
            throws IOException {
        List<SeedGroupSummary> groups = seedGroups == null ? List.of() : seedGroups;
        ReportFiles files = new ReportFiles(runDir);
        files.write("figures/model_metrics.png", out -> Figures.writePng(ComparisonFigure.render(result), out));
        files.write("reports/comparison.xlsx", out -> ComparisonWorkbook.write(result, groups, out));
        files.write("metrics/comparison.json", out -> JsonNumbers.write(json(result, groups), out));
        return files.written();
    }

    static Map<String, Object> json(ComparisonResult r, List<SeedGroupSummary> groups) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("test_samples", r.samples());
        doc.put("seed", r.seed());
        doc.put("resamples", r.resamples());
        doc.put("level", r.level());
        List<Object> models = new ArrayList<>();
        for (ModelMetrics m : r.models()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", m.model());
            m.metrics().forEach((k, ci) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("value", ci.estimate());
                v.put("lower", ci.lower());
                v.put("upper", ci.upper());
                row.put(k, v);
            });
            models.add(row);
        }
        doc.put("models", models);
        List<Object> pairs = new ArrayList<>();
        for (PairwiseComparison p : r.pairs()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model_a", p.modelA());
            row.put("model_b", p.modelB());
            Map<String, Object> mc = new LinkedHashMap<>();
            mc.put("b", p.mcnemar().b());
            mc.put("c", p.mcnemar().c());
            mc.put("exact_p", p.mcnemar().exactP());
            mc.put("chi2_corrected", p.mcnemar().chiSquare());
            mc.put("chi2_p", p.mcnemar().chiSquareP());
            row.put("mcnemar", mc);
            for (PairedDifference d : p.differences()) {
                Map<String, Object> diff = new LinkedHashMap<>();
                diff.put("difference", d.difference());
                diff.put("lower", d.lower());
                diff.put("upper", d.upper());
                diff.put("p_value", d.pValue());
                row.put(d.metric(), diff);
            }
            pairs.add(row);
        }
        doc.put("pairs", pairs);
        List<Object> seedGroups = new ArrayList<>();
        for (SeedGroupSummary g : groups) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", g.group());
            row.put("runs", g.runs());
            row.put("seeds", g.seeds());
            Map<String, Object> metrics = new LinkedHashMap<>();
            g.metrics().forEach((k, v) -> {
                Map<String, Object> ms = new LinkedHashMap<>();
                ms.put("n", v.n());
                ms.put("mean", v.mean());
                ms.put("std", v.std());
                metrics.put(k, ms);
            });
            row.put("metrics", metrics);
            seedGroups.add(row);
        }
        doc.put("seed_groups", seedGroups);
        return doc;
    }
}
