package io.runvault.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads one split of an IDX (MNIST-family) folder by name. Registered datasets of every format
 * (IDX, npz, image folders, CSV) are read through {@link DatasetFormat}.
 */
public enum ImageDatasetFormat {

    /**
     * IDX files in a directory: {@code <split>-images-idx3-ubyte[.gz]} and
     * {@code <split>-labels-idx1-ubyte[.gz]}, where split is {@code train} or {@code t10k}.
     */
    IDX {
        @Override
        public LabelledImages read(Path location, String split, List<String> classNames) throws IOException {
            return IdxReader.readImages(
                    FashionMnist.find(location, split + "-images-idx3-ubyte"),
                    FashionMnist.find(location, split + "-labels-idx1-ubyte"),
                    classNames);
        }
    };

    /** Reads one split of the dataset at {@code location}, labelling classes with {@code classNames}. */
    public abstract LabelledImages read(Path location, String split, List<String> classNames) throws IOException;

    /** The format called {@code name} (case-insensitive), or an exception listing the known ones. */
    public static ImageDatasetFormat named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dataset format '" + name + "'; known: "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
