package io.runvault.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code training_summary.xlsx} with 100,000 prediction rows: seconds to write it and the peak heap
 * used (every heap pool's peak, summed, after resetting them). A plain main program, not a test;
 * tests/bench/reports.sh runs it with a bounded heap.
 */
public final class WorkbookBenchmark {

    private WorkbookBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TrainingSummary summary = TrainingSummaryWorkbookTest.summary(rows);
        Path dir = Files.createTempDirectory("workbook-bench");
        try {
            for (int round = 1; round <= rounds; round++) {
                Path file = dir.resolve("training_summary-" + round + ".xlsx");
                System.gc();
                HeapPeaks.reset();
                long t0 = System.nanoTime();
                TrainingSummaryWorkbook.write(summary, file);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT,
                        "training_summary.xlsx, %,d prediction rows: %.2f s (target < 5 s), peak heap %.0f MiB "
                                + "(max %d MiB), %.1f MB%n",
                        rows, seconds, HeapPeaks.peak() / 1048576.0, Runtime.getRuntime().maxMemory() >> 20,
                        Files.size(file) / 1e6);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
