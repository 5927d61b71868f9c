package io.runvault.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 28x28 grey images of ten clothing classes, 60,000 for training and 10,000
 * for testing, in IDX files. Debian's {@code dataset-fashion-mnist} package installs them at
 * {@link #DEBIAN_DIR}.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Dataset name used in run names and lineage. */
    public static final String NAME = "fashion-mnist";

    private FashionMnist() {}

    /** The training split (60,000 images) from {@code dir}. */
    public static LabelledImages train(Path dir) throws IOException {
        return load(dir, "train");
    }

    /** The test split (10,000 images) from {@code dir}. */
    public static LabelledImages test(Path dir) throws IOException {
        return load(dir, "t10k");
    }

    /**
     * Loads {@code <prefix>-images-idx3-ubyte[.gz]} and {@code <prefix>-labels-idx1-ubyte[.gz]} from
     * {@code dir}; the prefix is {@code train} or {@code t10k} in the MNIST family.
     */
    public static LabelledImages load(Path dir, String prefix) throws IOException {
        return IdxReader.readImages(
                find(dir, prefix + "-images-idx3-ubyte"), find(dir, prefix + "-labels-idx1-ubyte"), CLASS_NAMES);
    }

    static Path find(Path dir, String base) throws IOException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new java.io.FileNotFoundException("neither " + base + ".gz nor " + base + " in " + dir);
    }
}
