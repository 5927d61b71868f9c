package io.runvault.export;

import io.runvault.runs.RunSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of exporting an existing run: the new run (the old one is its parent) and its parity. */
@Schema(name = "RunExport")
public record RunExport(
        @Schema(required = true, description = "The new run: the source run's files plus exports/") RunSummary run,
        @Schema(required = true, description = "The run the export was made from (the new run's parent)") String parent,
        @Schema(required = true, description = "What exports/parity.json records") ParityReport parity) {
}
