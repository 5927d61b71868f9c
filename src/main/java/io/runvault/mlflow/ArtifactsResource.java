package io.runvault.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.config.Settings;
import io.runvault.json.Json;
import io.runvault.problem.PayloadTooLargeException;
import io.runvault.roles.Roles;
import io.runvault.runs.FileEntry;
import io.runvault.store.BlobDownload;
import io.runvault.store.BlobStore;
import io.runvault.store.BlobTraffic;
import io.runvault.store.ContentLength;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * MLflow's artifact proxy ({@code /api/2.0/mlflow-artifacts/artifacts/...}): a PUT streams the
 * body into the blob store (hashed with BLAKE2b as it is written) as the file of an open run; a GET
 * serves it, from an open or a committed run; a GET without a path lists a folder.
 */
@Path("2.0/mlflow-artifacts/artifacts")
@RequestScoped
@MlflowApi
public class ArtifactsResource {

    @Inject
    ArtifactService artifacts;

    @Inject
    BlobStore blobs;

    @Inject
    BlobTraffic traffic;

    @Inject
    Settings settings;

    @PUT
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    public String upload(@PathParam("path") String path, @Context HttpHeaders headers, InputStream body) throws IOException {
        ArtifactService.Address address = artifacts.address(path);
        long limit = settings.blobMaxBytes();
        if (ContentLength.declared(headers) > limit) {
            throw new PayloadTooLargeException("blob-too-large", "An artifact may be at most " + limit + " bytes",
                    Map.of("maxBytes", limit));
        }
        BlobStore.PutResult stored = blobs.put(body, limit);
        traffic.received(stored.size());
        artifacts.record(address, stored.digest(), stored.size());
        return MlflowJson.EMPTY;
    }

    @GET
    @Path("{path: .+}")
    @Produces({MediaType.WILDCARD, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public Response download(@PathParam("path") String path, @HeaderParam("Range") String range, @Context Request request) {
        ArtifactService.Address address = artifacts.address(path);
        FileEntry file = artifacts.file(address.run().runId(), address.path())
                .orElseThrow(() -> MlflowException.missing("No artifact '" + address.path() + "' in run " + address.run().runId()));
        return Response.fromResponse(new BlobDownload(blobs, traffic).respond(file.blob(), file.mediaType(), range, request, true))
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    public String list(@QueryParam("path") String path) {
        ArtifactService.Address address = artifacts.address(path);
        return MlflowJson.write(listing(artifacts, address.run().runId(), address.path(), false));
    }

    /** MLflow's listing: {@code files} with {@code path}, {@code is_dir} and {@code file_size}. */
    static ObjectNode listing(ArtifactService artifacts, String runId, String folder, boolean fromRoot) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        ArrayNode files = json.putArray("files");
        for (ArtifactService.Listed entry : artifacts.list(runId, folder)) {
            ObjectNode item = files.addObject()
                    .put("path", fromRoot && !folder.isEmpty() ? folder + "/" + entry.path() : entry.path())
                    .put("is_dir", entry.isDir());
            if (!entry.isDir()) {
                item.put("file_size", entry.size());
            }
        }
        return json;
    }
}
