package io.runvault.ops;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The server-side checks of {@code runvaultctl doctor}, and the worst of their verdicts. */
@Schema(name = "DoctorReport")
public record DoctorReport(
        @Schema(required = true) List<DoctorCheck> checks,
        @Schema(required = true, description = "The worst verdict among the checks") DoctorCheck.Verdict verdict,
        @Schema(required = true, description = "The server's clock when it checked") Instant checkedAt) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public static DoctorReport of(List<DoctorCheck> checks, Instant checkedAt) {
        DoctorCheck.Verdict worst = checks.stream().map(DoctorCheck::verdict).max(Comparator.naturalOrder())
                .orElse(DoctorCheck.Verdict.OK);
        return new DoctorReport(checks, worst, checkedAt);
    }
}
