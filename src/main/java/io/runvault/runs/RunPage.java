package io.runvault.runs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a run search. */
@Schema(name = "RunPage")
public record RunPage(
        @Schema(required = true) List<RunSummary> items,
        @Schema(description = "Pass as 'cursor' for the next page; absent on the last page") String nextCursor) {
}
