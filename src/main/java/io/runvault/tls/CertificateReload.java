package io.runvault.tls;

import io.runvault.config.Settings;
import io.runvault.launcher.CertificateFileException;
import io.runvault.launcher.CertificateFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replacing RUNVAULT_TLS_CERT and RUNVAULT_TLS_KEY (a renewed certificate) takes effect without a
 * restart: the files are checked every few seconds, and a good new pair is written into the
 * keystore, which the server polls and reloads (liberty/server.xml, keyStore updateTrigger). A bad
 * pair is logged with the reason and the server keeps presenting the last good certificate.
 */
@ApplicationScoped
public class CertificateReload {

    static final long POLL_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(CertificateReload.class.getName());

    @Inject
    Settings settings;

    private ScheduledExecutorService scheduler;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Optional<CertificateFiles> files;
        try {
            files = CertificateFiles.configured(System.getenv());
        } catch (CertificateFileException e) {
            return; // the launcher refused to start with this; nothing to watch
        }
        if (files.isEmpty()) {
            return;
        }
        Path tls = settings.dataDirectory().resolve("tls");
        CertificateWatch watch;
        try {
            watch = new CertificateWatch(files.get(), tls, keystorePassword(tls));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "Changes to the TLS certificate files are not watched: " + e.getMessage(), e);
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "runvault-tls-certificate");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> poll(watch, files.get()), POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        LOG.info(() -> "Watching " + files.get().certificate() + " and " + files.get().key()
                + " for a new TLS certificate (checked every " + POLL_SECONDS + " s)");
    }

    private static void poll(CertificateWatch watch, CertificateFiles files) {
        try {
            watch.poll(Instant.now()).ifPresent(outcome -> {
                if (outcome.replaced()) {
                    LOG.info(() -> "New TLS certificate from " + files.certificate() + ": HTTPS now presents "
                            + outcome.message());
                } else {
                    LOG.severe(() -> "The TLS certificate files were not taken: " + outcome.message()
                            + ". HTTPS keeps presenting the last good certificate.");
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Checking the TLS certificate files failed: " + e, e);
        }
    }

    /** The launcher passes it in the environment; a server started otherwise finds it next to the keystore. */
    private static char[] keystorePassword(Path tls) throws IOException {
        String password = System.getenv("RUNVAULT_TLS_KEYSTORE_PASSWORD");
        if (password == null || password.isBlank()) {
            password = Files.readString(tls.resolve("keystore.password"), StandardCharsets.US_ASCII).trim();
        }
        return password.toCharArray();
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
