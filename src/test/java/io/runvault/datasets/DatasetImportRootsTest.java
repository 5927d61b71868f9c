package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetImportRootsTest {

    @TempDir
    Path dir;

    private int status(ImportRoots roots, String path) {
        return assertThrows(ProblemException.class, () -> roots.resolve(path)).status();
    }

    @Test
    void acceptsFilesUnderARootAndRefusesEverythingElse() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path outside = Files.writeString(dir.resolve("secret.csv"), "a,b\n");
        Path inside = Files.writeString(root.resolve("data.csv"), "a,b\n");
        Files.createSymbolicLink(root.resolve("link.csv"), outside);
        Files.createSymbolicLink(root.resolve("up"), dir);
        ImportRoots roots = new ImportRoots(List.of(root, dir.resolve("missing-root")));

        assertEquals(inside.toRealPath(), roots.resolve(inside.toString()));
        assertEquals(403, status(roots, outside.toString()));
        assertEquals(403, status(roots, root + "/../secret.csv"));
        assertEquals(403, status(roots, root + "/link.csv"), "a link out of the root");
        assertEquals(403, status(roots, root + "/up/secret.csv"), "a folder link out of the root");
        assertEquals(403, status(roots, "/etc/passwd"));
        assertEquals(403, status(roots, dir.resolve("missing-root/x").toString()), "a missing root allows nothing");
        assertEquals(404, status(roots, root + "/nothing.csv"));
        assertEquals(400, status(roots, "data.csv"));
        assertEquals(400, status(roots, ""));
    }

    @Test
    void withoutRootsImportIsOff() {
        assertEquals(409, status(new ImportRoots(List.of()), "/tmp/x.csv"));
    }
}
