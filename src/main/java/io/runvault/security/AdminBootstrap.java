package io.runvault.security;

import io.runvault.config.Settings;
import io.runvault.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;

/** Creates the built-in {@code admin} user on the first start of an empty appliance. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    public static final String ADMIN_USER = "admin";
    /** In the data directory: where a generated administrator password is left for the operator. */
    public static final String PASSWORD_FILE = "admin-password";

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
        if (generated) {
            // Written before the user exists: if the file cannot be written, no password is lost
            // and the next start tries again.
            writePasswordFile(password);
        }
        users.createInitialAdministrator(ADMIN_USER, password.toCharArray(),
                Map.of("roles", Roles.ALL, "passwordFrom", generated ? "generated" : "RUNVAULT_ADMIN_PASSWORD"));
        if (password.length() < UserDirectory.MIN_PASSWORD) {
            LOG.warning("RUNVAULT_ADMIN_PASSWORD is shorter than " + UserDirectory.MIN_PASSWORD
                    + " characters; other users' passwords must be at least that long");
        }
        if (generated) {
            // The log (kept on disk, shipped to collectors) names the file, never the password.
            LOG.warning("Created user 'admin' with a generated password, in " + passwordFile()
                    + " (readable by the appliance's account only; delete it once read, or change the password)."
                    + " Set RUNVAULT_ADMIN_PASSWORD before the first start to choose it instead");
        } else {
            LOG.info("Created user 'admin' with the password from RUNVAULT_ADMIN_PASSWORD");
        }
    }

    Path passwordFile() {
        return settings.dataDirectory().resolve(PASSWORD_FILE);
    }

    /** Owner-only from the moment it exists (created with its permissions, not chmod-ed after). */
    private void writePasswordFile(String password) {
        Path file = passwordFile();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (SeekableByteChannel channel = posix(file)
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.newByteChannel(file, options)) {
                channel.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated administrator password to " + file, e);
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
