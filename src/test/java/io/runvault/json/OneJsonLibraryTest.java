package io.runvault.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Application code reads and writes JSON with Jackson only. JSON-P and JSON-B stay the container's
 * business (it binds JAX-RS entities with JSON-B); the one thing application code may say to it is
 * how a response member is named ({@code jakarta.json.bind.annotation}), and only on the two response
 * records whose snake_case names the contract shows (export/ParityReport and ParityThresholds).
 */
class OneJsonLibraryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/runvault");
    private static final Pattern JSON_P_OR_B = Pattern.compile("\\bjakarta\\.json\\.");
    private static final Pattern JSON_P_OR_B_BESIDES_NAMES = Pattern.compile("\\bjakarta\\.json\\.(?!bind\\.annotation\\.)");
    private static final Set<Path> NAMED_FOR_THE_CONTAINER = Set.of(Path.of("export/ParityReport.java"),
            Path.of("export/ParityThresholds.java"));
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    static List<String> offenders(Path sources) throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Path relative = sources.relativize(file);
                Pattern refused = NAMED_FOR_THE_CONTAINER.contains(relative) ? JSON_P_OR_B_BESIDES_NAMES : JSON_P_OR_B;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (refused.matcher(code(lines.get(i))).find()) {
                        offenders.add(sources.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        return offenders;
    }

    /** A line without its string literals and comments: naming a class in a message is no use of it. */
    private static String code(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
            return "";
        }
        String withoutStrings = STRING_LITERAL.matcher(line).replaceAll("\"\"");
        int comment = withoutStrings.indexOf("//");
        return comment < 0 ? withoutStrings : withoutStrings.substring(0, comment);
    }

    @Test
    void noApplicationClassUsesJsonPOrJsonB() throws IOException {
        assertTrue(Files.isDirectory(SOURCES.resolve("json")), "run from the project directory");
        assertEquals(List.of(), offenders(SOURCES), "read and write JSON with io.runvault.json.Json (Jackson)");
    }

    @Test
    void theRuleSeesImportsAndQualifiedNamesButNotMessagesNorTheContainersNamingAnnotations(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("audit"));
        Files.writeString(pkg.resolve("A.java"), "import jakarta.json.Json;\n");
        Files.writeString(pkg.resolve("B.java"), "import jakarta.json.bind.JsonbBuilder;\n");
        Files.writeString(pkg.resolve("C.java"), "class C { Object v = jakarta.json.JsonValue.TRUE; }\n");
        Files.writeString(pkg.resolve("D.java"), "class D { String n = \"jakarta.json.JsonException\"; } // jakarta.json.Json\n"
                + " * {@link jakarta.json.Json}\n");
        Path jobs = Files.createDirectories(dir.resolve("jobs/train"));
        Files.writeString(jobs.resolve("E.java"), "import jakarta.json.Json;\n");
        Files.writeString(jobs.resolve("F.java"), "import jakarta.json.bind.annotation.JsonbProperty;\n");
        Path export = Files.createDirectories(dir.resolve("export"));
        String naming = "import jakarta.json.bind.annotation.JsonbProperty;\nimport jakarta.json.bind.Jsonb;\n";
        Files.writeString(export.resolve("ParityReport.java"), naming);
        assertEquals(List.of("audit/A.java:1", "audit/B.java:1", "audit/C.java:1", "export/ParityReport.java:2",
                "jobs/train/E.java:1", "jobs/train/F.java:1"), offenders(dir));
    }
}
