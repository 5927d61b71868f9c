package io.runvault.jobs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "JobPage")
public record JobPage(@Schema(required = true) List<JobView> items) {
}
