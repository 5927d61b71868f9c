package io.runvault.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The appliance's configuration, read once through MicroProfile Config. The RUNVAULT_* names are
 * the public contract (environment variables); the dotted names are tuning knobs documented in the
 * README, settable as environment variables too (MicroProfile Config maps RUNVAULT_BLOB_MAX_BYTES
 * to runvault.blob.max-bytes).
 */
@ApplicationScoped
public class Settings {

    @Inject
    @ConfigProperty(name = "RUNVAULT_DATA", defaultValue = "./data")
    String dataDirectory;

    @Inject
    @ConfigProperty(name = "RUNVAULT_ADMIN_PASSWORD")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "runvault.blob.max-bytes", defaultValue = "10737418240")
    long blobMaxBytes;

    @Inject
    @ConfigProperty(name = "runvault.manifest.max-bytes", defaultValue = "33554432")
    long manifestMaxBytes;

    @Inject
    @ConfigProperty(name = "runvault.predict.max-bytes", defaultValue = "16777216")
    long predictMaxBytes;

    @Inject
    @ConfigProperty(name = "runvault.predict.max-batch", defaultValue = "256")
    int predictMaxBatch;

    @Inject
    @ConfigProperty(name = "runvault.predict.sessions", defaultValue = "4")
    int predictSessions;

    @Inject
    @ConfigProperty(name = "RUNVAULT_DIRECTORY", defaultValue = "appliance")
    String directory;

    @Inject
    @ConfigProperty(name = "RUNVAULT_ROLE_GROUPS", defaultValue = "viewer=viewer;contributor=contributor;approver=approver;admin=admin")
    String roleGroups;

    /** Absolute, so that nothing depends on where a later relative path is resolved from. */
    public Path dataDirectory() {
        return Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    public Optional<String> adminPassword() {
        return adminPassword.filter(password -> !password.isBlank());
    }

    public long blobMaxBytes() {
        return blobMaxBytes;
    }

    public long manifestMaxBytes() {
        return manifestMaxBytes;
    }

    /** Largest body a prediction request may have. */
    public long predictMaxBytes() {
        return predictMaxBytes;
    }

    /** Most images in one prediction request. */
    public int predictMaxBatch() {
        return Math.max(1, predictMaxBatch);
    }

    /** How many served models stay loaded in ONNX Runtime at once (least recently used ones are closed). */
    public int predictSessions() {
        return Math.max(1, predictSessions);
    }

    /** {@code appliance}: only the appliance's own users; {@code liberty}: the server's user registry (LDAP) too. */
    public String directory() {
        return directory.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code role=group;role=group...}: which registry groups give which appliance role. */
    public String roleGroups() {
        return roleGroups;
    }
}
