package io.runvault.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.ops.DoctorCheck.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorChecksTest {

    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");

    private static Verdict certificate(Duration left) {
        return CertificateValidity.check("tls", "key.p12", NOW.minus(Duration.ofDays(300)), NOW.plus(left), NOW).verdict();
    }

    @Test
    void aCertificateExpiringWithin30DaysWarnsAndAnExpiredOneFails() {
        assertEquals(Verdict.OK, certificate(Duration.ofDays(31)));
        assertEquals(Verdict.WARN, certificate(Duration.ofDays(30)));
        assertEquals(Verdict.WARN, certificate(Duration.ofHours(1)));
        assertEquals(Verdict.FAIL, certificate(Duration.ofSeconds(-1)));
        assertEquals(Verdict.FAIL, CertificateValidity.check("tls", "key.p12", NOW.plusSeconds(60), NOW.plus(Duration.ofDays(90)),
                NOW).verdict(), "not yet valid");
    }

    private static final BuildInfo BUILT = new BuildInfo("1", "abc", Optional.of(NOW.minus(Duration.ofDays(1))));

    @Test
    void theClockFailsBeforeTheBuildDateAndWhenFarFromTheCallers() {
        assertEquals(Verdict.OK, DoctorService.clock(NOW, null, BUILT).verdict());
        assertEquals(Verdict.OK, DoctorService.clock(NOW, NOW.minusSeconds(5), BUILT).verdict());
        assertEquals(Verdict.WARN, DoctorService.clock(NOW, NOW.plusSeconds(60), BUILT).verdict());
        assertEquals(Verdict.FAIL, DoctorService.clock(NOW, NOW.minusSeconds(3600), BUILT).verdict());
        DoctorCheck before = DoctorService.clock(NOW.minus(Duration.ofDays(2)), null, BUILT);
        assertEquals(Verdict.FAIL, before.verdict());
        assertTrue(before.detail().contains("before this version was built"), before.detail());
        assertEquals(Verdict.OK, DoctorService.clock(NOW, null, new BuildInfo("1", "abc", Optional.empty())).verdict());
    }

    @Test
    void theReportsVerdictIsTheWorstOfItsChecks() {
        DoctorCheck ok = DoctorCheck.ok("a", "fine");
        DoctorCheck warn = DoctorCheck.warn("b", "soon", "act");
        DoctorCheck fail = DoctorCheck.fail("c", "broken", "fix");
        assertEquals(Verdict.OK, DoctorReport.of(List.of(ok, ok), NOW).verdict());
        assertEquals(Verdict.WARN, DoctorReport.of(List.of(ok, warn), NOW).verdict());
        assertEquals(Verdict.FAIL, DoctorReport.of(List.of(fail, warn, ok), NOW).verdict());
    }

    @Test
    void aCheckIsOneLineWithItsAdvice() {
        String line = DoctorCheck.fail("store", "cannot write:\n  read-only file system", "remount it").line();
        assertEquals("FAIL  store         cannot write: read-only file system -> remount it", line);
        assertEquals("ok    disk          9 GiB free", DoctorCheck.ok("disk", "9 GiB free").line());
    }

    @Test
    void databaseUrlsLoseTheirPasswords() {
        DatabaseUrl pg = new DatabaseUrl("jdbc:postgresql://db:5432/runvault?user=rv&password=s3cret&ssl=true");
        assertEquals("postgresql", pg.kind());
        assertEquals("jdbc:postgresql://db:5432/runvault?user=rv&password=***&ssl=true", pg.redacted());
        DatabaseUrl info = new DatabaseUrl("jdbc:postgresql://rv:s3cret@db/runvault");
        assertFalse(info.redacted().contains("s3cret"), info.redacted());
        assertEquals("jdbc:postgresql://rv:***@db/runvault", info.redacted());
        DatabaseUrl h2 = new DatabaseUrl("jdbc:h2:/var/lib/runvault/db/runvault;MODE=LEGACY;PASSWORD=x");
        assertEquals("h2", h2.kind());
        assertEquals("jdbc:h2:/var/lib/runvault/db/runvault;MODE=LEGACY;PASSWORD=***", h2.redacted());
    }
}
