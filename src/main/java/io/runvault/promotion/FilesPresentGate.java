package io.runvault.promotion;

import io.runvault.problem.InvalidRequestException;
import io.runvault.runs.FileEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Required artifacts: every listed path (or glob) matches at least one file of the run. */
@ApplicationScoped
public class FilesPresentGate implements GateKind {

    @Override
    public String kind() {
        return "files";
    }

    @Override
    public Gate parse(GateSpec spec) {
        if (spec.paths() == null || spec.paths().isEmpty() || spec.paths().size() > 100
                || spec.paths().stream().anyMatch(p -> p == null || p.isBlank() || p.length() > 1024)) {
            throw new InvalidRequestException("bad-policy", "A files gate lists 1-100 paths or globs");
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : spec.paths()) {
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
            } catch (IllegalArgumentException badGlob) {
                throw new InvalidRequestException("bad-policy", "Not a glob: " + pattern);
            }
        }
        String expected = String.join(", ", spec.paths());
        return context -> {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < matchers.size(); i++) {
                PathMatcher matcher = matchers.get(i);
                boolean found = context.candidate().files().stream().map(FileEntry::path)
                        .anyMatch(path -> matcher.matches(Path.of(path)));
                if (!found) {
                    missing.add(spec.paths().get(i));
                }
            }
            return new GateResult("files", expected, missing.isEmpty() ? "all present" : "missing: " + String.join(", ", missing),
                    missing.isEmpty());
        };
    }
}
