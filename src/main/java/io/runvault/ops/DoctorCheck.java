package io.runvault.ops;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of {@code runvaultctl doctor}'s checks: what was checked, the verdict, and what to do about it. */
@Schema(name = "DoctorCheck")
public record DoctorCheck(
        @Schema(required = true, example = "store") String name,
        @Schema(required = true) Verdict verdict,
        @Schema(required = true, description = "What was found", example = "/var/lib/runvault/blobs takes new files")
        String detail,
        @Schema(description = "What to do (absent when all is well)") String advice) {

    /** OK: nothing to do; WARN: works, but needs attention soon; FAIL: broken now. */
    @Schema(name = "DoctorVerdict")
    public enum Verdict {
        OK, WARN, FAIL;

        /** How runvaultctl prints it: a failure stands out. */
        public String label() {
            return this == OK ? "ok" : name();
        }
    }

    public static DoctorCheck ok(String name, String detail) {
        return new DoctorCheck(name, Verdict.OK, detail, null);
    }

    public static DoctorCheck warn(String name, String detail, String advice) {
        return new DoctorCheck(name, Verdict.WARN, detail, advice);
    }

    public static DoctorCheck fail(String name, String detail, String advice) {
        return new DoctorCheck(name, Verdict.FAIL, detail, advice);
    }

    /** One line: verdict, name, detail and, after an arrow, the advice. */
    public String line() {
        String line = String.format("%-5s %-13s %s%s", verdict.label(), name, detail, advice == null ? "" : " -> " + advice);
        return line.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
