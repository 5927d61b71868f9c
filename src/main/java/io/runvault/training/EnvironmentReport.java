package io.runvault.training;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a run was made with: the Java analogue of a pinned {@code pip freeze}. The build writes the
 * appliance's version and git commit ({@code git.properties}) and every runtime library coordinate
 * ({@code META-INF/runvault/dependencies.txt}) into the application.
 */
@ApplicationScoped
public class EnvironmentReport {

    private final Properties git = load("git.properties");
    private final Properties build = load("META-INF/runvault/build.properties");

    public String applianceVersion() {
        return build.getProperty("version", "unknown");
    }

    public String gitCommit() {
        return git.getProperty("git.commit.id.full", "unknown");
    }

    /** "true" when the build's working tree had uncommitted changes, "false" when clean, "unknown" outside a clone. */
    public String gitDirty() {
        return git.getProperty("git.dirty", "unknown");
    }

    public String codeVersion() {
        return "runvault:" + applianceVersion() + "+git:" + git.getProperty("git.commit.id.abbrev", "unknown");
    }

    /** This build, as a trained model's provenance records it. */
    public TrainingProvenance.Appliance appliance() {
        return new TrainingProvenance.Appliance(applianceVersion(), gitCommit(), gitDirty(), codeVersion());
    }

    /** The headline facts, for the Excel summary sheet. */
    public Map<String, String> summary() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("appliance", applianceVersion() + " (" + gitCommit() + ")");
        out.put("appliance_dirty", gitDirty());
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        out.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        out.put("max_heap_mib", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
        TrainingEngine.describe().forEach((key, value) -> out.put(key, value));
        return out;
    }

    public String text() {
        StringBuilder text = new StringBuilder("# Runvault training environment\n\n");
        summary().forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        text.append("jvm_arguments: ").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append('\n');
        text.append("\n# Runtime libraries (groupId:artifactId:type[:classifier]:version:scope)\n");
        text.append(resource("META-INF/runvault/dependencies.txt"));
        return text.toString();
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = EnvironmentReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = EnvironmentReport.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? "(not recorded by this build)\n" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
