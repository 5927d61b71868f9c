package io.runvault.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.store.BlobStore;
import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The datasets jobs can name: the registered ones, and Fashion-MNIST from Debian's
 * {@code dataset-fashion-mnist} package (IDX files), whose identity is the BLAKE2b digest of a small
 * manifest listing each file's digest and the class names. Either way a run's lineage pins the
 * exact bytes it trained on.
 */
@ApplicationScoped
public class DatasetCatalog {

    /** Compact, with hex escapes in lower case as JSON-P wrote them: the bytes are hashed. */
    private static final ObjectWriter MANIFEST_WRITER = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_HEX_UPPER_CASE);

    /** Stored datasets were checked against the limits when registered; reading them back is not limited again. */
    private static final DatasetLimits STORED = new DatasetLimits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    @Inject
    @ConfigProperty(name = "runvault.datasets.fashion-mnist-dir", defaultValue = "/usr/share/datasets/fashion-mnist")
    String fashionMnistDir;

    @Inject
    DatasetRegistry registry;

    @Inject
    DecodedDatasetCache cache;

    @Inject
    BlobStore blobs;

    /** A dataset's identity and its splits' sizes (train: what jobs draw training and validation from). */
    public record Described(String name, Digest digest, int trainCount, int testCount, boolean tabular,
                            int height, int width) {
    }

    /**
     * A dataset in memory: its training split, its own validation split (or null), its test split,
     * and the group of each training item (or null).
     */
    public record Loaded(Described described, LabelledImages train, LabelledImages val, LabelledImages test,
                         int[] trainGroups) {

        public String name() {
            return described.name();
        }

        public Digest digest() {
            return described.digest();
        }

        /**
         * The job's training and validation data: a seeded stratified subset of {@code trainSamples}
         * training items (0: all), validated on the dataset's own validation split when it has one,
         * else on a seeded stratified {@code valFraction} of them; with groups, both steps keep every
         * group on one side.
         */
        public Splits.TrainVal trainVal(int trainSamples, double valFraction, long seed) {
            boolean sub = trainSamples > 0 && trainSamples < train.size();
            if (trainGroups == null || val != null) {
                LabelledImages pool = sub ? Splits.stratified(train, (double) trainSamples / train.size(), seed).val() : train;
                return val != null ? new Splits.TrainVal(pool, val) : Splits.stratified(pool, valFraction, seed);
            }
            LabelledImages pool = train;
            int[] groups = trainGroups;
            if (sub) {
                Splits.Indices chosen = Splits.byGroup(train.labels(), train.numClasses(), groups,
                        (double) trainSamples / train.size(), seed);
                pool = train.subset(chosen.val());
                groups = Splits.pick(groups, chosen.val());
            }
            return Splits.byGroup(pool, groups, valFraction, seed);
        }
    }

    private final Map<String, Described> builtIn = new ConcurrentHashMap<>();

    /** The size of the training split, or -1 for a dataset nobody knows (checked at submit, before any loading). */
    public int trainPool(String name) {
        return describe(name).map(Described::trainCount).orElse(-1);
    }

    /** Why {@code architecture} cannot train on the dataset, if it cannot (an unknown dataset is reported elsewhere). */
    public Optional<String> unsuitable(String name, String architecture) {
        Optional<Described> d = describe(name);
        if (d.isEmpty() || architecture == null) {
            return Optional.empty();
        }
        if (d.get().tabular() && !architecture.equals("mlp")) {
            return Optional.of("dataset '" + name + "' is tabular (features, not images): only the mlp architecture "
                    + "trains on it, not " + architecture);
        }
        if (architecture.equals("minicnn") && (d.get().height() < 8 || d.get().width() < 8)) {
            return Optional.of("minicnn needs images of at least 8x8 pixels; dataset '" + name + "' has "
                    + d.get().height() + "x" + d.get().width());
        }
        return Optional.empty();
    }

    public Optional<Described> describe(String name) {
        if (FashionMnist.NAME.equals(name)) {
            Path dir = Path.of(fashionMnistDir);
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            return Optional.of(builtIn.computeIfAbsent(name, n -> describeFashionMnist(dir)));
        }
        return registry.find(name).map(row -> described(row.name(), row.manifest()));
    }

    /** Reads the whole dataset (its stored blobs, for a registered one) into memory. */
    public Loaded load(String name) throws IOException {
        Described described = describe(name)
                .orElseThrow(() -> new IllegalArgumentException("dataset '" + name + "' is not available on this appliance"));
        if (FashionMnist.NAME.equals(name)) {
            Path dir = Path.of(fashionMnistDir);
            return new Loaded(described, FashionMnist.train(dir), null, FashionMnist.test(dir), null);
        }
        DatasetManifest manifest = registry.find(name).orElseThrow().manifest();
        Map<String, Path> files = new LinkedHashMap<>();
        for (DatasetManifest.StoredFile file : manifest.files()) {
            if (!blobs.contains(file.digest())) {
                throw new IOException("dataset '" + name + "': its " + file.role() + " blob " + file.digest() + " is missing");
            }
            files.put(file.role(), blobs.path(file.digest()));
        }
        // The digest covers the stored files and the reading options: equal digests decode to equal data.
        ParsedDataset parsed = cache.get(described.digest(),
                () -> manifest.format().read(files, manifest.options(), STORED).withTest());
        return new Loaded(described, parsed.train(), parsed.val(), parsed.test(), parsed.trainGroups());
    }

    private static Described described(String name, DatasetManifest m) {
        return new Described(name, m.digest(), m.count("train"), m.count("test"), m.format().tabular(), m.height(),
                m.width());
    }

    private static Described describeFashionMnist(Path dir) {
        try {
            Map<String, String> files = new LinkedHashMap<>();
            for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
                Path file = FashionMnist.find(dir, base);
                files.put(file.getFileName().toString(), Digest.compute(file).toString());
            }
            String manifest = fashionMnistManifest(files);
            int train = IdxReader.read(FashionMnist.find(dir, "train-labels-idx1-ubyte")).count();
            int test = IdxReader.read(FashionMnist.find(dir, "t10k-labels-idx1-ubyte")).count();
            return new Described(FashionMnist.NAME, Digest.compute(manifest.getBytes(StandardCharsets.UTF_8)), train, test,
                    false, 28, 28);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes Fashion-MNIST's digest is taken of: {name, format, files (file name to digest, in the
     * given order), classes}, compact. Runs name the dataset by this digest, so the text never changes.
     */
    static String fashionMnistManifest(Map<String, String> files) {
        ObjectNode manifest = Json.MAPPER.createObjectNode().put("name", FashionMnist.NAME).put("format", "idx");
        files.forEach(manifest.putObject("files")::put);
        FashionMnist.CLASS_NAMES.forEach(manifest.putArray("classes")::add);
        try {
            return MANIFEST_WRITER.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
