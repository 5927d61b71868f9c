package io.runvault.ops;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** The doctor's verdict on a TLS certificate's dates: expired or not yet valid fails, 30 days or less left warns. */
public final class CertificateValidity {

    static final Duration WARN_BEFORE = Duration.ofDays(30);

    private CertificateValidity() {
    }

    public static DoctorCheck check(String name, String source, X509Certificate certificate, Instant now) {
        return check(name, source + " (" + certificate.getSubjectX500Principal().getName() + ")",
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), now);
    }

    static DoctorCheck check(String name, String what, Instant notBefore, Instant notAfter, Instant now) {
        String renew = "put a new certificate into RUNVAULT_DATA/tls/key.p12, or move that file aside and restart "
                + "the service: it makes a new self-signed one";
        if (now.isAfter(notAfter)) {
            return DoctorCheck.fail(name, what + " expired on " + notAfter, renew);
        }
        if (now.isBefore(notBefore)) {
            return DoctorCheck.fail(name, what + " is not valid before " + notBefore,
                    "check the clock, or the certificate's dates");
        }
        long days = Duration.between(now, notAfter).toDays();
        if (Duration.between(now, notAfter).compareTo(WARN_BEFORE) <= 0) {
            return DoctorCheck.warn(name, what + " expires on " + notAfter + " (in " + days + " days)", renew);
        }
        return DoctorCheck.ok(name, what + " valid until " + notAfter + " (" + days + " days)");
    }
}
