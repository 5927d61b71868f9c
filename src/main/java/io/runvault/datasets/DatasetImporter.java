package io.runvault.datasets;

import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import io.runvault.reports.NpyFormatException;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers datasets from an upload or a server-side path. Everything is read and checked before
 * anything is stored: a refused dataset leaves no row, no referenced blob and no staged file.
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
        Path path = new ImportRoots(settings.importRoots()).resolve(request.path());
        Map<String, Path> files;
        if (format == DatasetFormat.IDX) {
            if (!Files.isDirectory(path)) {
                throw new InvalidRequestException("bad-import-path", "An idx dataset is imported from a folder");
            }
            try {
                files = IdxDirectory.files(path);
            } catch (DatasetFormatException e) {
                throw new InvalidRequestException("bad-dataset", e.getMessage());
            }
        } else {
            if (!Files.isRegularFile(path)) {
                throw new InvalidRequestException("bad-import-path", "A " + format.wire() + " dataset is imported from a file");
            }
            files = Map.of(DatasetFormat.SOURCE, path);
        }
        long total = 0;
        for (Path file : files.values()) {
            total += Files.size(file);
        }
        if (total > settings.limits().maxSourceBytes()) {
            throw tooLarge(settings.limits().maxSourceBytes());
        }
        return register(request.name(), format, files, options, actor);
    }

    private DatasetEntity register(String name, DatasetFormat format, Map<String, Path> files, DatasetOptions options,
                                   String actor) throws IOException {
        ParsedDataset parsed;
        try {
            parsed = format.read(files, options, settings.limits()).withTest();
        } catch (DatasetTooLargeException e) {
            throw new PayloadTooLargeException("dataset-too-large", e.getMessage());
        } catch (DatasetFormatException | NpyFormatException e) {
            throw new InvalidRequestException("bad-dataset", "Not a valid " + format.wire() + " dataset: " + e.getMessage());
        }
        // Checked completely: only now is anything stored.
        List<DatasetManifest.StoredFile> stored = new ArrayList<>();
        for (String role : format.roles()) {
            Path file = files.get(role);
            Digest digest = Digest.compute(file);
            try (InputStream in = Files.newInputStream(file)) {
                stored.add(new DatasetManifest.StoredFile(role, digest, blobs.put(digest, in, Long.MAX_VALUE).size()));
            }
        }
        DatasetManifest manifest = DatasetManifest.of(format, stored, parsed, options);
        blobs.put(manifest.canonicalBytes());
        return registry.record(name, manifest, actor);
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
