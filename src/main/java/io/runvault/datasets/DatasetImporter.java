package io.runvault.datasets;

import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import io.runvault.reports.NpyFormatException;
import io.runvault.reports.NpyTooLargeException;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Registers datasets from an upload or a server-side path. Everything is read and checked before
 * anything is stored: a refused dataset leaves no row, no referenced blob and no staged file.
 * Server-side files are first copied to staged files (each opened by its real location under the
 * import roots, links not followed), so what is checked is exactly what is stored.
 *
 * <p>Reading a dataset holds it in memory, so one dataset is read at a time: another request waits
 * its turn (in arrival order; every read is bounded by the limits, so the wait is too), and each is
 * read within a {@link ReadBudget} of {@link DatasetSettings#limits()}.
 */
@ApplicationScoped
public class DatasetImporter {

    private static final String NAME_RULE = "[a-z0-9][a-z0-9._-]{0,99}";

    @Inject
    BlobStore blobs;

    @Inject
    DatasetRegistry registry;

    @Inject
    DatasetSettings settings;

    /** One dataset parse at a time, in arrival order: each may hold up to the memory budget. */
    private final Semaphore parsing = new Semaphore(1, true);

    /** Registers the uploaded bytes ({@code declaredLength} -1 when unknown). */
    public DatasetEntity upload(String name, String formatName, DatasetOptions options, long declaredLength,
                                InputStream body, String actor) throws IOException {
        DatasetFormat format = format(formatName);
        if (format == DatasetFormat.IDX) {
            throw new InvalidRequestException("bad-dataset-format",
                    "idx datasets are folders of files: import them from the server (POST /datasets/import)");
        }
        check(name, format, options);
        long limit = settings.limits().maxSourceBytes();
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        Path staged = blobs.temporaryFile("dataset-");
        try {
            long received = copy(body, staged, limit);
            if (received == 0) {
                throw new InvalidRequestException("empty-upload", "The body is the dataset file; it was empty");
            }
            if (declaredLength >= 0 && received != declaredLength) {
                throw truncated("received " + received + " of the " + declaredLength + " bytes announced");
            }
            return register(name, format, Map.of(DatasetFormat.SOURCE, staged), options, actor);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Registers files on the server, under an import root. */
    public DatasetEntity importPath(DatasetImportRequest request, String actor) throws IOException {
        if (request == null) {
            throw new InvalidRequestException("bad-dataset-import", "The body names the dataset, its format and path");
        }
        DatasetFormat format = format(request.format());
        DatasetOptions options = new DatasetOptions(request.labelColumn(), request.groupColumn(), request.classes());
        check(request.name(), format, options);
        if (request.path() == null || request.path().isBlank()) {
            throw new InvalidRequestException("bad-import-path", "path is required");
        }
        ImportRoots roots = new ImportRoots(settings.importRoots());
        Path path = roots.resolve(request.path());
        Map<String, Path> files;
        if (format == DatasetFormat.IDX) {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidRequestException("bad-import-path", "An idx dataset is imported from a folder");
            }
            try {
                files = IdxDirectory.files(path, roots);
            } catch (DatasetFormatException e) {
                throw new InvalidRequestException("bad-dataset", e.getMessage());
            }
        } else {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidRequestException("bad-import-path", "A " + format.wire() + " dataset is imported from a file");
            }
            files = Map.of(DatasetFormat.SOURCE, path);
        }
        long limit = settings.limits().maxSourceBytes();
        long total = 0;
        for (Path file : files.values()) {
            total += Files.size(file);
        }
        if (total > limit) {
            throw tooLarge(limit);
        }
        Map<String, Path> staged = new LinkedHashMap<>();
        long copied = 0;
        try {
            for (Map.Entry<String, Path> file : files.entrySet()) {
                Path copy = blobs.temporaryFile("dataset-");
                staged.put(file.getKey(), copy);
                try (InputStream in = roots.open(file.getValue())) {
                    copied += copyFile(in, copy, limit - copied, limit);
                }
            }
            return register(request.name(), format, staged, options, actor);
        } finally {
            for (Path copy : staged.values()) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** Registers staged files (this server's own copies): read and checked completely, only then stored. */
    private DatasetEntity register(String name, DatasetFormat format, Map<String, Path> files, DatasetOptions options,
                                   String actor) throws IOException {
        List<DatasetManifest.StoredFile> stored = new ArrayList<>();
        for (String role : format.roles()) {
            Path file = files.get(role);
            stored.add(new DatasetManifest.StoredFile(role, Digest.compute(file), Files.size(file)));
        }
        DatasetManifest manifest = describe(format, files, stored, options);
        for (DatasetManifest.StoredFile file : stored) {
            try (InputStream in = Files.newInputStream(files.get(file.role()))) {
                blobs.put(file.digest(), in, Long.MAX_VALUE);
            }
        }
        blobs.put(manifest.canonicalBytes());
        return registry.record(name, manifest, actor);
    }

    /** Reads the dataset (one at a time, within the memory budget) into its manifest; the data is dropped on return. */
    private DatasetManifest describe(DatasetFormat format, Map<String, Path> files, List<DatasetManifest.StoredFile> stored,
                                     DatasetOptions options) throws IOException {
        parsing.acquireUninterruptibly();
        DatasetLimits limits = settings.limits();
        try {
            ReadBudget budget = ReadBudget.of(limits);
            ParsedDataset parsed = format.read(files, options, budget);
            if (parsed.test() == null) {
                // Holding out the test split copies the training split.
                budget.chargeCopy(parsed.train(), "holding out the test split");
            }
            return DatasetManifest.of(format, stored, parsed.withTest(), options);
        } catch (DatasetTooLargeException | NpyTooLargeException e) {
            throw new PayloadTooLargeException("dataset-too-large", e.getMessage() + "; the limit is the smaller of "
                    + "runvault.datasets.max-unpacked-bytes and a share of the server's heap ("
                    + limits.maxUnpackedBytes() + " bytes here)", Map.of("maxBytes", limits.maxUnpackedBytes()));
        } catch (DatasetFormatException | NpyFormatException e) {
            throw new InvalidRequestException("bad-dataset", "Not a valid " + format.wire() + " dataset: " + e.getMessage());
        } finally {
            parsing.release();
        }
    }

    private void check(String name, DatasetFormat format, DatasetOptions options) {
        if (name == null || !name.matches(NAME_RULE)) {
            throw new InvalidRequestException("bad-dataset-name", "A dataset name is 1-100 lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit");
        }
        if (name.equals(FashionMnist.NAME) || registry.find(name).isPresent()) {
            throw DatasetRegistry.taken(name);
        }
        List<String> problems = new ArrayList<>();
        if (format == DatasetFormat.CSV && options.labelColumn() == null) {
            problems.add("a csv dataset needs labelColumn");
        }
        if (format != DatasetFormat.CSV && (options.labelColumn() != null || options.groupColumn() != null)) {
            problems.add("labelColumn and groupColumn are for csv datasets");
        }
        if (format == DatasetFormat.IMAGE_FOLDER && !options.classes().isEmpty()) {
            problems.add("an image folder names its classes by its folders; classes is not accepted");
        }
        if (!options.classes().isEmpty() && ClassNames.problem(options.classes()) != null) {
            problems.add(ClassNames.problem(options.classes()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("bad-dataset-request", String.join("; ", problems),
                    Map.of("errors", problems));
        }
    }

    private static DatasetFormat format(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("bad-dataset-format", "format is required: idx, npz, image-folder or csv");
        }
        try {
            return DatasetFormat.named(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bad-dataset-format", e.getMessage());
        }
    }

    private static long copy(InputStream body, Path staged, long limit) {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(staged)) {
            int n;
            while ((n = read(body, buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return total;
    }

    /** Copies a server-side file, at most {@code limit} bytes (a file may grow after it was measured). */
    private static long copyFile(InputStream in, Path staged, long allowed, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(staged)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > allowed) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException broken) {
            // The client stopped sending before the body was complete.
            throw truncated(broken.getMessage());
        }
    }

    private static InvalidRequestException truncated(String detail) {
        return new InvalidRequestException("truncated-upload", "The upload is incomplete: " + detail);
    }

    private static PayloadTooLargeException tooLarge(long limit) {
        return new PayloadTooLargeException("dataset-too-large", "A dataset file may be at most " + limit + " bytes",
                Map.of("maxBytes", limit));
    }
}
