package io.runvault.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/** The version, commit and build time the build wrote into the application. */
public record BuildInfo(String version, String commit, Optional<Instant> builtAt) {

    public static BuildInfo load() {
        Properties build = properties("META-INF/runvault/build.properties");
        Properties git = properties("git.properties");
        Optional<Instant> built;
        try {
            built = Optional.ofNullable(build.getProperty("built")).filter(s -> !s.isBlank() && !s.startsWith("$"))
                    .map(Instant::parse);
        } catch (DateTimeParseException notRecorded) {
            built = Optional.empty();
        }
        return new BuildInfo(build.getProperty("version", "unknown"), git.getProperty("git.commit.id.full", "unknown"), built);
    }

    private static Properties properties(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
