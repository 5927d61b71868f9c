package io.runvault.audit;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that pick audit events, the same for a query and an export (they combine with AND). */
public class AuditFilter {

    @QueryParam("target")
    @Parameter(description = "Exact target, e.g. a run id")
    String target;

    @QueryParam("actor")
    @Parameter(description = "Exact user name")
    String actor;

    @QueryParam("action")
    @Parameter(description = "Exact action, e.g. run.commit")
    String action;

    @QueryParam("from")
    @Parameter(description = "Events at or after this RFC 3339 time",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Events before this RFC 3339 time",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String to;
}
