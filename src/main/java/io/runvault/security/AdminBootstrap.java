package io.runvault.security;

import io.runvault.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

/** Creates the built-in {@code admin} user on the first start of an empty appliance. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    public static final String ADMIN_USER = "admin";

    @Inject
    UserDirectory users;

    @Inject
    Settings settings;

    public void ensureAdministrator() {
        if (users.count() > 0) {
            return;
        }
        String password = settings.adminPassword().orElse(null);
        boolean generated = password == null;
        if (generated) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        users.createInitialAdministrator(ADMIN_USER, password.toCharArray(),
                Map.of("roles", Roles.ALL, "passwordFrom", generated ? "generated" : "RUNVAULT_ADMIN_PASSWORD"));
        if (password.length() < UserDirectory.MIN_PASSWORD) {
            LOG.warning("RUNVAULT_ADMIN_PASSWORD is shorter than " + UserDirectory.MIN_PASSWORD
                    + " characters; other users' passwords must be at least that long");
        }
        if (generated) {
            // Printed exactly once: the hash is all that is kept.
            LOG.warning("Created user 'admin' with the generated password: " + password
                    + " (set RUNVAULT_ADMIN_PASSWORD before the first start to choose it)");
        } else {
            LOG.info("Created user 'admin' with the password from RUNVAULT_ADMIN_PASSWORD");
        }
    }
}
