package io.runvault.datasets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered dataset as the API describes it. */
@Schema(name = "Dataset")
public record DatasetView(
        @Schema(required = true, example = "chest-xray") String name,
        @Schema(required = true, description = "BLAKE2b-256 of the canonical manifest (blob of that digest)") String digest,
        @Schema(required = true, description = "idx, npz, image-folder or csv") String format,
        @Schema(required = true, description = "Class names, indexed by label") List<String> classes,
        @Schema(required = true, description = "Channels x height x width of each item (CSV: 1 x 1 x features)") Shape shape,
        @Schema(required = true, description = "train, val (when the dataset has its own) and test") Map<String, SplitCounts> splits,
        @Schema(required = true, description = "own: the dataset's test split; derived: a seeded stratified 20% of its training split") String testSplit,
        @Schema(description = "CSV: the label column") String labelColumn,
        @Schema(description = "CSV: the group column; splits never put one group on both sides") String groupColumn,
        @Schema(description = "CSV with a group column: the number of distinct groups") Integer groups,
        @Schema(required = true, description = "The stored files (blobs)") List<DatasetFile> files,
        @Schema(required = true) String createdBy,
        @Schema(required = true) Instant createdAt) {

    @Schema(name = "DatasetShape")
    public record Shape(@Schema(required = true) int channels, @Schema(required = true) int height,
                        @Schema(required = true) int width) {
    }

    @Schema(name = "DatasetSplit")
    public record SplitCounts(@Schema(required = true) int count,
                              @Schema(required = true, description = "Items per class name") Map<String, Integer> perClass) {
    }

    @Schema(name = "DatasetFile")
    public record DatasetFile(@Schema(required = true, description = "source, or the IDX file's role") String role,
                              @Schema(required = true) String digest, @Schema(required = true) long size) {
    }

    static DatasetView of(DatasetEntity row) {
        DatasetManifest m = row.manifest();
        Map<String, SplitCounts> splits = new LinkedHashMap<>();
        m.perClass().forEach((split, counts) -> {
            Map<String, Integer> perClass = new LinkedHashMap<>();
            for (int c = 0; c < counts.length; c++) {
                perClass.put(m.classes().get(c), counts[c]);
            }
            splits.put(split, new SplitCounts(m.count(split), perClass));
        });
        return new DatasetView(row.name(), row.digest(), m.format().wire(), m.classes(),
                new Shape(m.channels(), m.height(), m.width()), splits, m.testDerived() ? "derived" : "own",
                m.labelColumn(), m.groupColumn(), m.groupColumn() == null ? null : m.groups(),
                m.files().stream().map(f -> new DatasetFile(f.role(), f.digest().toString(), f.size())).toList(),
                row.createdBy(), row.createdAt());
    }
}
