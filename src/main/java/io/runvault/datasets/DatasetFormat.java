package io.runvault.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ways a registered dataset's files can be laid out. Each reads its files completely and
 * strictly into a {@link ParsedDataset}, refusing anything inconsistent with a {@link DatasetFormatException}.
 */
public enum DatasetFormat {

    /** MNIST-family IDX files in a server-side directory (train/t10k images and labels); import only. */
    IDX("idx", List.of(IdxDirectory.TRAIN_IMAGES, IdxDirectory.TRAIN_LABELS, IdxDirectory.TEST_IMAGES,
            IdxDirectory.TEST_LABELS)) {
        @Override
        ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget) throws IOException {
            return IdxDirectory.read(files, options, budget);
        }
    },

    /** MedMNIST-style {@code .npz}: train/val/test images (uint8) and labels (integers). */
    NPZ("npz", List.of(DatasetFormat.SOURCE)) {
        @Override
        ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget) throws IOException {
            return NpzDataset.read(files.get(DatasetFormat.SOURCE), options, budget);
        }
    },

    /** A zip of {@code [train|val|test/]<class>/<image>} PNG or JPEG files of one size. */
    IMAGE_FOLDER("image-folder", List.of(DatasetFormat.SOURCE)) {
        @Override
        ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget) throws IOException {
            return ImageFolderArchive.read(files.get(DatasetFormat.SOURCE), budget);
        }
    },

    /** Numeric feature columns, a label column and optionally a group column; features become 1x1xF. */
    CSV("csv", List.of(DatasetFormat.SOURCE)) {
        @Override
        ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget) throws IOException {
            return CsvDataset.read(files.get(DatasetFormat.SOURCE), options, budget);
        }
    };

    /** The role of the one file of single-file formats. */
    public static final String SOURCE = "source";

    private final String wire;
    private final List<String> roles;

    DatasetFormat(String wire, List<String> roles) {
        this.wire = wire;
        this.roles = roles;
    }

    /** The name in the API and in manifests ({@code idx}, {@code npz}, {@code image-folder}, {@code csv}). */
    public String wire() {
        return wire;
    }

    /** The files this format consists of, by role. */
    public List<String> roles() {
        return roles;
    }

    /** Features rather than images: only the fully connected architecture applies. */
    public boolean tabular() {
        return this == CSV;
    }

    /** Reads the files within {@code budget}: a {@link DatasetTooLargeException} before anything over it is allocated. */
    abstract ParsedDataset read(Map<String, Path> files, DatasetOptions options, ReadBudget budget)
            throws IOException;

    /** Reads the files under {@code limits} (null: unlimited). */
    ParsedDataset read(Map<String, Path> files, DatasetOptions options, DatasetLimits limits) throws IOException {
        return read(files, options, ReadBudget.of(limits));
    }

    /** The format called {@code name}, or an IllegalArgumentException naming the known ones. */
    public static DatasetFormat named(String name) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset format '" + name + "' (known: "
                        + String.join(", ", Arrays.stream(values()).map(DatasetFormat::wire).toList()) + ")"));
    }
}
