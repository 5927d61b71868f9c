package io.runvault.studies;

import io.runvault.reports.HeapPeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study report suite (five figures, best_config.yaml, study_summary.json, top_10_trials.xlsx,
 * Optuna's study.db) for a 1,000-trial study on the three-parameter space of StudyReportsTest:
 * seconds to write it and the peak heap. A plain main program, not a test; tests/bench/reports.sh
 * runs it.
 */
public final class StudyReportsBenchmark {

    private StudyReportsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SearchSpace space = StudyReportsTest.space();
        Sampler sampler = new TpeSampler(7);
        List<Trial> trials = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-07T10:00:00Z");
        for (int i = 0; i < count; i++) {
            Map<String, Object> p = sampler.sample(space, Direction.MAXIMIZE, trials, i);
            double v = StudyReportsTest.objective(p);
            Trial t = Trial.running(i, p, space, t0.plusSeconds(60L * i)).report(0, v * 0.6).report(1, v * 0.9);
            trials.add(i % 9 == 4 ? t.prune(t0.plusSeconds(60L * i + 20)) : t.complete(v, t0.plusSeconds(60L * i + 40)));
        }
        Study study = new Study("bench", new Objective("val_auc", Direction.MAXIMIZE), trials);
        Path dir = Files.createTempDirectory("study-bench");
        try {
            for (int round = 1; round <= rounds; round++) {
                Path run = dir.resolve("run-" + round);
                System.gc();
                HeapPeaks.reset();
                long start = System.nanoTime();
                StudyReports.writeSuite(run, study, space, 42);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "study suite, %,d trials: %.2f s (target < 10 s), peak heap %.0f MiB (max %d MiB)%n",
                        count, seconds, HeapPeaks.peak() / 1048576.0,
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
