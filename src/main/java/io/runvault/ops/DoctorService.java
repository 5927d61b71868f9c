package io.runvault.ops;

import io.runvault.config.Settings;
import io.runvault.store.BlobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * The checks of {@code runvaultctl doctor} that only the running server can make, as the service's
 * own user: database, migrations, store, disk, native runtimes, clock and the TLS key store.
 */
@ApplicationScoped
public class DoctorService {

    static final long DISK_WARN_BYTES = 1L << 30;
    static final long DISK_FAIL_BYTES = 100L << 20;
    /** A caller's clock this far from the server's is worth a warning; ten times as far, a failure. */
    static final Duration CLOCK_SKEW_WARN = Duration.ofSeconds(30);

    @Resource(lookup = "jdbc/runvault")
    DataSource dataSource;

    @Inject
    Settings settings;

    @Inject
    BlobStore store;

    @Inject
    Clock clock;

    /** @param callerTime the caller's clock when it asked (null: the clock check compares with the build date only) */
    public DoctorReport check(Instant callerTime) {
        Instant now = clock.instant();
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(clock(now, callerTime, BuildInfo.load()));
        DoctorCheck database = database();
        checks.add(database);
        checks.add(database.verdict() == DoctorCheck.Verdict.FAIL
                ? DoctorCheck.fail("migrations", "not checked: the database does not answer", "fix the database first")
                : migrations());
        checks.add(store());
        checks.add(disk());
        NativeEngines natives = NativeEngines.probe();
        checks.add(natives.engineError() == null
                ? DoctorCheck.ok("pytorch", "DJL's " + natives.engine() + " " + natives.engineVersion() + " loads; "
                        + natives.gpuCount() + " GPU(s) visible to it")
                : DoctorCheck.fail("pytorch", "DJL's " + natives.engine() + " does not load: " + natives.engineError(),
                        "its natives are unpacked into RUNVAULT_DATA/djl-cache: check that it is writable, has room, "
                                + "and see logs/messages.log"));
        checks.add(natives.onnxRuntimeError() == null
                ? DoctorCheck.ok("onnxruntime", "ONNX Runtime " + natives.onnxRuntimeVersion() + " loads")
                : DoctorCheck.fail("onnxruntime", "ONNX Runtime does not load: " + natives.onnxRuntimeError(),
                        "check that the package is complete (lib/native) and see logs/messages.log"));
        checks.add(tls(now));
        return DoctorReport.of(checks, now);
    }

    static DoctorCheck clock(Instant now, Instant callerTime, BuildInfo build) {
        String set = "set the clock (timedatectl set-ntp true, or date -s)";
        if (build.builtAt().isPresent() && now.isBefore(build.builtAt().get())) {
            return DoctorCheck.fail("clock", "the server's clock (" + now + ") is before this version was built ("
                    + build.builtAt().get() + ")", set);
        }
        String built = build.builtAt().map(b -> "after the build date " + b).orElse("(no build date recorded)");
        if (callerTime == null) {
            return DoctorCheck.ok("clock", "server " + now + ", " + built);
        }
        Duration skew = Duration.between(callerTime, now).abs();
        String compared = "server " + now + ", " + skew.toSeconds() + " s from this machine's clock, " + built;
        if (skew.compareTo(CLOCK_SKEW_WARN.multipliedBy(10)) > 0) {
            return DoctorCheck.fail("clock", compared, set + " on whichever is wrong");
        }
        if (skew.compareTo(CLOCK_SKEW_WARN) > 0) {
            return DoctorCheck.warn("clock", compared, "synchronise both clocks (NTP)");
        }
        return DoctorCheck.ok("clock", compared);
    }

    private DoctorCheck database() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseUrl url = new DatabaseUrl(connection.getMetaData().getURL());
            if (!connection.isValid(10)) {
                return DoctorCheck.fail("database", url.kind() + " at " + url.redacted() + " does not answer within 10 s",
                        "check that the database server runs and is reachable");
            }
            return DoctorCheck.ok("database", url.kind() + " at " + url.redacted() + " answers");
        } catch (SQLException e) {
            return DoctorCheck.fail("database", "cannot connect: " + e.getMessage(),
                    "check RUNVAULT_DB_URL, RUNVAULT_DB_USER, RUNVAULT_DB_PASSWORD and that the database server runs");
        }
    }

    private DoctorCheck migrations() {
        try {
            SchemaState schema = SchemaState.read(dataSource);
            if (schema.unknown() > 0) {
                return DoctorCheck.fail("migrations", "schema at version " + schema.current() + ", with " + schema.unknown()
                        + " migration(s) of a newer version", "run the version that wrote them, or restore a backup");
            }
            if (schema.failed() > 0) {
                return DoctorCheck.fail("migrations", schema.failed() + " migration(s) failed",
                        "restore the backup taken before the upgrade; see logs/messages.log");
            }
            if (schema.pending() > 0) {
                return DoctorCheck.fail("migrations", "schema at version " + schema.current() + ", " + schema.pending()
                        + " migration(s) not applied", "restart the service: it applies them when it starts");
            }
            return DoctorCheck.ok("migrations", "schema at version " + schema.current() + ", current");
        } catch (RuntimeException e) {
            return DoctorCheck.fail("migrations", "cannot read the schema history: " + e.getMessage(),
                    "see logs/messages.log");
        }
    }

    private DoctorCheck store() {
        if (store.isWritable()) {
            return DoctorCheck.ok("store", store.root() + " takes new files");
        }
        return DoctorCheck.fail("store", "cannot create and sync a file in " + store.root().resolve(".tmp"),
                "check its owner (the service's user), permissions, free space and that the file system is not read-only");
    }

    private DoctorCheck disk() {
        Path data = settings.dataDirectory();
        try {
            FileStore disk = Files.getFileStore(data);
            long free = disk.getUsableSpace();
            String detail = String.format("%.1f GiB free of %.1f GiB under %s", free / (double) (1L << 30),
                    disk.getTotalSpace() / (double) (1L << 30), data);
            String advice = "free space or move RUNVAULT_DATA to a larger disk; runvaultctl gc removes unreferenced blobs";
            if (free < DISK_FAIL_BYTES) {
                return DoctorCheck.fail("disk", detail, advice);
            }
            if (free < DISK_WARN_BYTES) {
                return DoctorCheck.warn("disk", detail, advice);
            }
            return DoctorCheck.ok("disk", detail);
        } catch (IOException e) {
            return DoctorCheck.fail("disk", "cannot read " + data + ": " + e.getMessage(), "check RUNVAULT_DATA");
        }
    }

    /** The key store the HTTPS port serves, opened with the password the server was started with. */
    private DoctorCheck tls(Instant now) {
        Path tls = settings.dataDirectory().resolve("tls");
        Path keystore = tls.resolve("key.p12");
        if (!Files.isRegularFile(keystore)) {
            return DoctorCheck.warn("tls", "no key store at " + keystore + " yet",
                    "the server makes a self-signed one when HTTPS starts; see logs/messages.log");
        }
        try {
            String password = System.getenv("RUNVAULT_TLS_KEYSTORE_PASSWORD");
            if (password == null) {
                password = Files.readString(tls.resolve("keystore.password"), StandardCharsets.US_ASCII).trim();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            X509Certificate soonest = null;
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.isKeyEntry(alias) ? store.getCertificate(alias) : null;
                if (certificate instanceof X509Certificate x509
                        && (soonest == null || x509.getNotAfter().before(soonest.getNotAfter()))) {
                    soonest = x509;
                }
            }
            if (soonest == null) {
                return DoctorCheck.fail("tls", keystore + " holds no certificate with a key",
                        "move it aside and restart the service: it makes a new self-signed one");
            }
            return CertificateValidity.check("tls", keystore.getFileName().toString(), soonest, now);
        } catch (IOException | GeneralSecurityException e) {
            return DoctorCheck.fail("tls", "cannot read " + keystore + ": " + e.getMessage(),
                    "check RUNVAULT_DATA/tls (key.p12 and keystore.password, owned by the service's user)");
        }
    }
}
