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

/** Start-up order: schema first, then the store's crash leftovers, then the first administrator. */
@ApplicationScoped
public class Startup {

    private static final Logger LOG = Logger.getLogger(Startup.class.getName());

    @Inject
    Migrations migrations;

    @Inject
    BlobStore blobs;

    @Inject
    AdminBootstrap admin;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
        migrations.migrate();
        int removed = blobs.cleanTemporaryFiles();
        if (removed > 0) {
            LOG.warning(removed + " unfinished upload(s) from an earlier stop were removed from the blob store");
        }
        admin.ensureAdministrator();
    }
}
