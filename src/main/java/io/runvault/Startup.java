package io.runvault;

import io.runvault.database.Migrations;
import io.runvault.security.AdminBootstrap;
import io.runvault.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Start-up order: schema first, then the store's crash leftovers, the first administrator, the jobs a
 * crash interrupted (and their studies), and where the training engine keeps its natives.
 */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Migrations migrations;

    @Inject
    BlobStore blobs;

    @Inject
    AdminBootstrap admin;

    @Inject
    io.runvault.jobs.JobService jobs;

    @Inject
    io.runvault.jobs.tune.TuneJobRunner tuning;

    @Inject
    io.runvault.config.Settings settings;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
        migrations.migrate();
        int removed = blobs.cleanTemporaryFiles();
        if (removed > 0) {
            LOG.warning(removed + " unfinished upload(s) from an earlier stop were removed from the blob store");
        }
        admin.ensureAdministrator();
        int interrupted = jobs.failInterrupted();
        if (interrupted > 0) {
            LOG.warning(interrupted + " job(s) were running when the server stopped; they are failed now and can be restarted");
        }
        tuning.failInterrupted();
        // DJL's extracted natives (~430 MB) live with the data, never in a home directory.
        io.runvault.training.TrainingEngine.configure(settings.dataDirectory().resolve("djl-cache"), 0, 0);
    }
}
