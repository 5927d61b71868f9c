package io.runvault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house (DESIGN.md, "Where things go"), read from the sources: leaf packages
 * import no other application package, and the registry core imports only itself and the leaves,
 * each core package only those below it. A failure lists every offending file and import.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/runvault");

    /** Constants and values every layer may use; they use nothing of the application but {@link #MAPPERS}. */
    static final Set<String> LEAVES = Set.of("problem", "config", "roles", "hash", "json");

    /** The shared JSON mappers: a leaf itself, which the other leaves may use (problem bodies are JSON). */
    static final String MAPPERS = "json";

    /** The registry core, lowest first: each may import only the ones before it and the leaves. */
    static final List<String> CORE = List.of("store", "audit", "security", "runs", "models", "promotion");

    /** An application type named in code: an import or a qualified name, outside comments. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.runvault\\.([a-z][a-z0-9]*)\\.");

    @Test
    void leafPackagesImportNoOtherApplicationPackage() {
        List<String> violations = new ArrayList<>();
        for (Edge edge : edges()) {
            boolean toMappers = edge.to().equals(MAPPERS) && !edge.from().equals(MAPPERS);
            if (LEAVES.contains(edge.from()) && !toMappers) {
                violations.add(edge.toString());
            }
        }
        assertEquals(List.of(), violations, "leaf packages must not use other application packages");
    }

    @Test
    void registryCoreUsesOnlyLowerCorePackagesAndLeaves() {
        List<String> violations = new ArrayList<>();
        for (Edge edge : edges()) {
            int from = CORE.indexOf(edge.from());
            if (from < 0) {
                continue;
            }
            int to = CORE.indexOf(edge.to());
            boolean allowed = LEAVES.contains(edge.to()) || (to >= 0 && to < from);
            if (!allowed) {
                violations.add(edge.toString());
            }
        }
        assertEquals(List.of(), violations,
                "the registry core knows nothing of jobs, engines or the console, and no core package"
                        + " uses one above it (order " + CORE + ")");
    }

    /** Engines and libraries the job kinds use; they know nothing of jobs (a run's config is read as training's). */
    static final Set<String> BELOW_JOBS = Set.of("export", "training", "evaluation", "studies", "tuning", "reports",
            "datasets");

    @Test
    void enginesBelowJobsDoNotUseJobs() {
        List<String> violations = new ArrayList<>();
        for (Edge edge : edges()) {
            if (BELOW_JOBS.contains(edge.from()) && edge.to().equals("jobs")) {
                violations.add(edge.toString());
            }
        }
        assertEquals(List.of(), violations, "the engines and libraries below jobs must not use jobs " + BELOW_JOBS);
    }

    @Test
    void theScanSeesTheSources() {
        assertTrue(Files.isDirectory(SOURCES.resolve("store")), "run from the project directory");
        assertTrue(edges().stream().anyMatch(e -> e.from().equals("promotion") && e.to().equals("models")),
                "the scan finds promotion's use of models");
    }

    /** A use of package {@code to} by a file in package {@code from}. */
    record Edge(String from, String to, String file, int line, String text) {
        @Override
        public String toString() {
            return from + " -> " + to + " (" + file + ":" + line + ": " + text.strip() + ")";
        }
    }

    static List<Edge> edges() {
        List<Edge> edges = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application's root classes wire everything together
                }
                String from = relative.getName(0).toString();
                edges.addAll(edgesOf(file, from));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return edges;
    }

    private static List<Edge> edgesOf(Path file, String from) throws IOException {
        List<Edge> edges = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("//") || line.startsWith("*")) {
                continue;
            }
            Set<String> seen = new TreeSet<>();
            Matcher matcher = REFERENCE.matcher(line);
            while (matcher.find()) {
                String to = matcher.group(1);
                if (!to.equals(from) && seen.add(to)) {
                    edges.add(new Edge(from, to, SOURCES.relativize(file).toString(), i + 1, line));
                }
            }
        }
        return edges;
    }
}
