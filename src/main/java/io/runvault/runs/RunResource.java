package io.runvault.runs;

import io.runvault.config.Settings;
import io.runvault.problem.PayloadTooLargeException;
import io.runvault.problem.Problem;
import io.runvault.roles.Roles;
import io.runvault.store.BlobChecksums;
import io.runvault.store.BlobDownload;
import io.runvault.store.BlobStore;
import io.runvault.store.BlobTraffic;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/runs")
@RequestScoped
@Tag(name = "runs", description = "Immutable training, evaluation and tuning runs")
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    BlobStore blobs;

    @Inject
    BlobTraffic traffic;

    @Inject
    BlobChecksums checksums;

    @Inject
    Settings settings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "commitRun", summary = "Commit a run manifest",
            description = "The id is blake2b of the RFC 8785 canonical manifest; committing the same manifest again returns the same run.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunManifest.class)))
    @APIResponse(responseCode = "201", description = "Committed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunSummary.class)))
    @APIResponse(responseCode = "200", description = "This manifest was committed before: the same run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunSummary.class)))
    @APIResponse(responseCode = "400", description = "Malformed manifest (strict UTF-8, RFC 3339 createdAt with a 4-digit year), bad or non-portable path, paths clashing by case or as file and folder, the reserved path manifest.json")
    @APIResponse(responseCode = "413", description = "Manifest larger than the configured limit")
    @APIResponse(responseCode = "422", description = "Blobs missing or of another size, or unknown parent runs (named in the problem)")
    public Response commit(InputStream body, @Context SecurityContext security, @Context UriInfo uri) throws IOException {
        long limit = settings.manifestMaxBytes();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new PayloadTooLargeException("manifest-too-large", "A manifest may be at most " + limit + " bytes",
                    Map.of("maxBytes", limit));
        }
        RunService.Commit commit = runs.commit(ManifestReader.read(bytes), security.getUserPrincipal().getName());
        return Response.status(commit.created() ? 201 : 200)
                .location(uri.getBaseUriBuilder().path("v1/runs").path(commit.run().id()).build())
                .entity(commit.run()).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "searchRuns", summary = "Search runs",
            description = "Filters combine with AND. Sorting by a metric lists only runs that have it.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    @APIResponse(responseCode = "400", description = "Bad filter, sort, limit or cursor")
    public RunPage search(
            @QueryParam("experiment") @Parameter(description = "Exact experiment name") String experiment,
            @QueryParam("tag") @Parameter(description = "key=value; repeatable") List<String> tags,
            @QueryParam("param") @Parameter(description = "key=value (numbers in canonical JSON form); repeatable") List<String> params,
            @QueryParam("metric") @Parameter(description = "name op number, op one of > >= < <= = !=, e.g. val_accuracy>0.9; repeatable") List<String> metrics,
            @QueryParam("sort") @Parameter(description = "'time' (createdAt, the default) or 'metric:<name>'") String sort,
            @QueryParam("order") @Parameter(description = "'desc' (default) or 'asc'") String order,
            @QueryParam("limit") @Parameter(description = "Page size, 1-1000, default 50",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1000",
                            defaultValue = "50")) Integer limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        return runs.search(RunQuery.parse(experiment, tags, params, metrics, sort, order, limit, cursor));
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getRun", summary = "A run with its whole content")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "Not a run id")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunView get(@PathParam("id") @Parameter(description = "blake2b:<64 hex>") String id) {
        return runs.view(id);
    }

    @GET
    @Path("{id}/manifest")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getRunManifest", summary = "The canonical manifest bytes; b2sum -l 256 of them is the id")
    @APIResponse(responseCode = "200", description = "RFC 8785 canonical JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such run")
    public Response manifest(@PathParam("id") String id, @Context Request request) {
        RunEntity run = runs.get(id);
        return new BlobDownload(blobs, traffic).respond(io.runvault.store.Digest.parse(run.id()),
                MediaType.APPLICATION_JSON, null, request, true);
    }

    @GET
    @Path("{id}/files/{path: .+}")
    @Produces({MediaType.WILDCARD, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getRunFile", summary = "One file of a run, streamed (ETag = digest, single byte ranges)")
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "400", description = "Invalid path")
    @APIResponse(responseCode = "404", description = "No such run or file")
    @APIResponse(responseCode = "416", description = "Range outside the file")
    public Response file(@PathParam("id") String id, @PathParam("path") String path,
                         @HeaderParam("Range") String range, @Context Request request) {
        RunEntity run = runs.get(id);
        FileEntry file = runs.file(run, RunPath.of(path));
        return Response.fromResponse(new BlobDownload(blobs, traffic).respond(file.blob(), file.mediaType(), range,
                        request, true))
                .header("Content-Security-Policy", filePolicy(file))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * Files are user content: never let one run as a page of the appliance's origin. A sandbox
     * without allow-same-origin gives the page an origin of its own, so it reaches neither the
     * console's session nor the API. HTML files (a study's interactive figures) may run their own
     * inline script and style, and still load, send and submit nothing.
     */
    static String filePolicy(FileEntry file) {
        return file.mediaType() != null && file.mediaType().startsWith("text/html")
                ? "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        + "img-src data:; form-action 'none'"
                : "sandbox; default-src 'none'";
    }

    @GET
    @Path("{id}/archive")
    @Produces({"application/zip", Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getRunArchive", summary = "The whole run as a zip: manifest.json plus every file at its path")
    @APIResponse(responseCode = "200", description = "A streamed zip of uncompressed entries, with its exact Content-Length",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "A run stored before manifest.json was reserved holds a file of that name")
    public Response archive(@PathParam("id") String id) {
        RunEntity run = runs.get(id);
        byte[] manifest = runs.manifestBytes(run);
        RunArchive archive = RunArchive.of(manifest, ManifestReader.stored(manifest), blobs, checksums, traffic);
        return Response.ok(archive, "application/zip")
                // An exact length: a download that fails midway is a visibly short body, never a complete-looking zip.
                .header("Content-Length", archive.length())
                .header("Content-Disposition", "attachment; filename=\"" + run.name() + ".zip\"")
                .build();
    }
}
