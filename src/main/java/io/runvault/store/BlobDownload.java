package io.runvault.store;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Streams a stored object as an HTTP response: ETag = digest, immutable caching (content can never
 * change under the same address), conditional GET, and single byte ranges.
 */
public final class BlobDownload {

    private final BlobStore store;
    private final BlobTraffic traffic;

    public BlobDownload(BlobStore store, BlobTraffic traffic) {
        this.store = store;
        this.traffic = traffic;
    }

    public Response respond(Digest digest, String mediaType, String rangeHeader, Request request, boolean bodyWanted) {
        long size = store.size(digest).orElseThrow(() -> new io.runvault.problem.NotFoundException(
                "blob-not-found", "No blob " + digest));
        EntityTag tag = new EntityTag(digest.toString());
        Response.ResponseBuilder notModified = request == null ? null : request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(immutable()).build();
        }
        long start = 0;
        long length = size;
        boolean partial = false;
        var range = ByteRange.parse(rangeHeader, size);
        if (range.isPresent()) {
            start = range.get().first();
            length = range.get().length();
            partial = true;
        }
        Response.ResponseBuilder builder = Response.status(partial ? 206 : 200)
                .type(mediaType)
                .tag(tag)
                .cacheControl(immutable())
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", length);
        if (partial) {
            builder.header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        if (bodyWanted) {
            builder.entity(stream(digest, start, length));
        }
        return builder.build();
    }

    private StreamingOutput stream(Digest digest, long start, long length) {
        return output -> {
            try (FileChannel in = FileChannel.open(store.path(digest), StandardOpenOption.READ)) {
                MappedCopy.DOWNLOAD.copy(in, start, length, output, traffic::served);
            }
        };
    }

    private static CacheControl immutable() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(31_536_000);
        cache.setPrivate(true);
        cache.getCacheExtension().put("immutable", null);
        return cache;
    }
}
