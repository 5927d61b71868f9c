package io.runvault.datasets;

import io.runvault.store.Digest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * The datasets jobs can name. Fashion-MNIST comes from Debian's {@code dataset-fashion-mnist}
 * package (IDX files); its identity is the BLAKE2b digest of a small manifest listing each file's
 * digest and the class names, so a run's lineage pins the exact bytes it trained on.
 */
@ApplicationScoped
public class DatasetCatalog {

    @Inject
    @ConfigProperty(name = "runvault.datasets.fashion-mnist-dir", defaultValue = "/usr/share/datasets/fashion-mnist")
    String fashionMnistDir;

    /** A dataset's identity and its splits' sizes. */
    public record Described(String name, Digest digest, int trainCount, int testCount) {
    }

    private final Map<String, Described> described = new ConcurrentHashMap<>();

    /** The size of the training split, or -1 for a dataset nobody knows (checked at submit, before any loading). */
    public int trainPool(String name) {
        return describe(name).map(Described::trainCount).orElse(-1);
    }

    public Optional<Described> describe(String name) {
        if (!FashionMnist.NAME.equals(name)) {
            return Optional.empty();
        }
        Path dir = Path.of(fashionMnistDir);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(described.computeIfAbsent(name, n -> describeFashionMnist(dir)));
    }

    public LabelledImages train(String name) throws IOException {
        requireKnown(name);
        return FashionMnist.train(Path.of(fashionMnistDir));
    }

    public LabelledImages test(String name) throws IOException {
        requireKnown(name);
        return FashionMnist.test(Path.of(fashionMnistDir));
    }

    private void requireKnown(String name) {
        if (describe(name).isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "' is not available on this appliance");
        }
    }

    private static Described describeFashionMnist(Path dir) {
        try {
            JsonObjectBuilder files = Json.createObjectBuilder();
            for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                    "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
                Path file = FashionMnist.find(dir, base);
                files.add(file.getFileName().toString(), Digest.compute(file).toString());
            }
            JsonArrayBuilder classes = Json.createArrayBuilder();
            FashionMnist.CLASS_NAMES.forEach(classes::add);
            String manifest = Json.createObjectBuilder().add("name", FashionMnist.NAME).add("format", "idx")
                    .add("files", files).add("classes", classes).build().toString();
            int train = IdxReader.read(FashionMnist.find(dir, "train-labels-idx1-ubyte")).count();
            int test = IdxReader.read(FashionMnist.find(dir, "t10k-labels-idx1-ubyte")).count();
            return new Described(FashionMnist.NAME, Digest.compute(manifest.getBytes(StandardCharsets.UTF_8)), train, test);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
