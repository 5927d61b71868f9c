package io.runvault.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of an audit query. */
@Schema(name = "AuditPage")
public record AuditPage(
        @Schema(required = true) List<AuditEntry> items,
        @Schema(description = "Pass as 'cursor' for the next page; absent on the last page") String nextCursor) {
}
