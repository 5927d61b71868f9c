package io.runvault.datasets;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A server-side import: a file (or, for idx, a folder) under one of the configured import roots. */
@Schema(name = "DatasetImport")
public record DatasetImportRequest(
        @Schema(required = true, example = "fashion-mnist-copy") String name,
        @Schema(required = true, description = "idx (a folder), npz, image-folder (a zip) or csv") String format,
        @Schema(required = true, description = "Absolute path under RUNVAULT_IMPORT_ROOTS", example = "/srv/datasets/chest.npz") String path,
        @Schema(description = "CSV: the label column") String labelColumn,
        @Schema(description = "CSV: a group column (e.g. patient id)") String groupColumn,
        @Schema(description = "Class names by label (npz, idx, csv); default: the labels themselves") List<String> classes) {
}
