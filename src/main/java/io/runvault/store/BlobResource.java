package io.runvault.store;

import io.runvault.problem.PayloadTooLargeException;
import io.runvault.problem.Problem;
import io.runvault.config.Settings;
import io.runvault.roles.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("v1/blobs/{digest}")
@RequestScoped
@Tag(name = "blobs", description = "Content-addressed bytes (BLAKE2b-256)")
public class BlobResource {

    @Inject
    BlobStore store;

    @Inject
    BlobTraffic traffic;

    @Inject
    Settings settings;

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Operation(operationId = "putBlob", summary = "Upload bytes under their BLAKE2b-256 digest",
            description = "The body is streamed to disk while it is hashed; it is stored only if it hashes to the digest.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BlobInfo.class)))
    @APIResponse(responseCode = "200", description = "Already present; nothing new stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BlobInfo.class)))
    @APIResponse(responseCode = "400", description = "Bad digest syntax, or the bytes hash to another digest")
    @APIResponse(responseCode = "413", description = "Larger than the configured limit")
    public Response put(@PathParam("digest") @Parameter(description = "blake2b:<64 hex>") String digestText,
                        @Context HttpHeaders headers, InputStream body) throws IOException {
        Digest digest = Digest.parse(digestText);
        long limit = settings.blobMaxBytes();
        if (ContentLength.declared(headers) > limit) {
            throw new PayloadTooLargeException("blob-too-large",
                    "A blob may be at most " + limit + " bytes", Map.of("maxBytes", limit));
        }
        BlobStore.PutResult result = store.put(digest, body, limit);
        traffic.received(result.size());
        return Response.status(result.inserted() ? 201 : 200)
                .entity(new BlobInfo(digest.toString(), result.size())).build();
    }

    @HEAD
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "headBlob", summary = "Whether a blob is present, with its size")
    @APIResponse(responseCode = "200", description = "Present; Content-Length is its size")
    @APIResponse(responseCode = "404", description = "Not present")
    public Response head(@PathParam("digest") String digestText, @Context Request request) {
        return new BlobDownload(store, traffic).respond(Digest.parse(digestText),
                MediaType.APPLICATION_OCTET_STREAM, null, request, false);
    }

    @GET
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.APPROVER, Roles.ADMIN})
    @Operation(operationId = "getBlob", summary = "Stream a blob's bytes (single byte ranges supported)")
    @APIResponse(responseCode = "200", description = "The bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such blob")
    @APIResponse(responseCode = "416", description = "Range outside the blob")
    public Response get(@PathParam("digest") String digestText, @HeaderParam("Range") String range,
                        @Context Request request) {
        return new BlobDownload(store, traffic).respond(Digest.parse(digestText),
                MediaType.APPLICATION_OCTET_STREAM, range, request, true);
    }
}
