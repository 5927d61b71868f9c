package io.runvault.ops;

import io.runvault.problem.InvalidRequestException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an administrator asks of a garbage collection; every member is optional. */
@Schema(name = "GcRequest")
public record GcRequest(
        @Schema(description = "List what would be removed, remove nothing (default false)") Boolean dryRun,
        @Schema(description = "Keep unreferenced blobs stored less than this many hours ago (default 24, 0 to "
                + MAX_GRACE_HOURS + "; fractions allowed)", example = "24") Double graceHours) {

    public static final double DEFAULT_GRACE_HOURS = 24;
    public static final int MAX_GRACE_HOURS = 24 * 365;

    public boolean dryRunOrDefault() {
        return dryRun != null && dryRun;
    }

    public double graceHoursOrDefault() {
        return graceHours == null ? DEFAULT_GRACE_HOURS : graceHours;
    }

    /** The grace period, checked: a bad value is a 400 and no collection runs. */
    public Duration grace() {
        double hours = graceHoursOrDefault();
        if (!Double.isFinite(hours) || hours < 0 || hours > MAX_GRACE_HOURS) {
            throw new InvalidRequestException("bad-grace",
                    "graceHours must be a number from 0 to " + MAX_GRACE_HOURS + ", not " + hours);
        }
        return Duration.ofMillis(Math.round(hours * 3_600_000d));
    }
}
