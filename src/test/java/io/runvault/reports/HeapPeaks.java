package io.runvault.reports;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The heap's peak use over a stretch of a benchmark: every heap pool's peak, summed. */
public final class HeapPeaks {

    private HeapPeaks() {}

    /** Starts a stretch (call after {@code System.gc()} to start from what is live). */
    public static void reset() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Bytes: the sum of the heap pools' peaks since {@link #reset}. */
    public static long peak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
