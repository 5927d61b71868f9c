package io.runvault.datasets;

import io.runvault.problem.ConflictException;
import io.runvault.problem.ForbiddenException;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders administrators may import datasets from. A requested path is accepted only when both
 * its written form and its real location (symbolic links followed) lie under one root's real
 * location; no answer tells anything about files outside the roots. Every file read from a root
 * is judged by its own real location too ({@link #confine}) and opened at that location without
 * following links ({@link #open}), so a link inside an imported folder cannot lead out of the roots.
 */
record ImportRoots(List<Path> roots) {

    Path resolve(String requested) {
        if (roots.isEmpty()) {
            throw new ConflictException("import-disabled", "Server-side import is off on this appliance: the operator "
                    + "sets RUNVAULT_IMPORT_ROOTS (':'-separated folders) to allow it");
        }
        if (requested == null || requested.isBlank() || requested.indexOf('\0') >= 0 || requested.length() > 4096) {
            throw new InvalidRequestException("bad-import-path", "path is an absolute path under an import root");
        }
        Path path = Path.of(requested);
        if (!path.isAbsolute()) {
            throw new InvalidRequestException("bad-import-path", "path must be absolute, got " + requested);
        }
        // Only roots that exist count, by their written and their real location (a root may be a link).
        List<Path> existing = new ArrayList<>();
        for (Path root : roots) {
            if (Files.exists(root)) {
                existing.add(root.toAbsolutePath().normalize());
            }
        }
        List<Path> realRoots = realRoots();
        Path lexical = path.normalize();
        if (realRoots.stream().noneMatch(lexical::startsWith) && existing.stream().noneMatch(lexical::startsWith)) {
            throw outside(requested);
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("import-path-not-found", "Nothing at " + requested);
        } catch (IOException e) {
            throw new InvalidRequestException("bad-import-path", "Cannot read " + requested + ": " + e.getMessage());
        }
        if (realRoots.stream().noneMatch(real::startsWith)) {
            throw outside(requested);
        }
        if (!Files.isReadable(real)) {
            throw new InvalidRequestException("bad-import-path", "Cannot read " + requested);
        }
        return real;
    }

    /**
     * The real location of a file found under a root (its own links followed), which must lie under
     * a root's real location too.
     */
    Path confine(Path file) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException("bad-import-path", "Cannot read " + file.getFileName()
                    + ": it is a link to nothing");
        } catch (IOException e) {
            throw new InvalidRequestException("bad-import-path", "Cannot read " + file.getFileName());
        }
        if (realRoots().stream().noneMatch(real::startsWith)) {
            throw outside(file.toString());
        }
        return real;
    }

    /**
     * Opens a file under a root for reading: at its real location (checked by {@link #confine}),
     * without following a link there, so a link swapped in after the check is refused, not followed.
     */
    InputStream open(Path file) throws IOException {
        Path real = confine(file);
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidRequestException("bad-import-path", file.getFileName() + " is not a regular file");
        }
        try {
            return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException | NoSuchFileException e) {
            throw new InvalidRequestException("bad-import-path", "Cannot read " + file.getFileName());
        } catch (FileSystemException e) {
            // ELOOP: the last name became a link after the check.
            throw outside(file.toString());
        }
    }

    private List<Path> realRoots() {
        List<Path> realRoots = new ArrayList<>();
        for (Path root : roots) {
            try {
                realRoots.add(root.toRealPath());
            } catch (IOException missing) {
                // a root that does not exist (yet) allows nothing
            }
        }
        return realRoots;
    }

    private static ForbiddenException outside(String requested) {
        return new ForbiddenException("outside-import-roots", "The path " + requested
                + " is not under an import root (RUNVAULT_IMPORT_ROOTS), or a link in it leads outside one");
    }
}
