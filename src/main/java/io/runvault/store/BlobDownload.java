package io.runvault.store;

import io.runvault.problem.RangeNotSatisfiableException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a stored object as an HTTP response: ETag = digest, immutable caching (content can never
 * change under the same address), conditional GET, and single byte ranges.
 */
public final class BlobDownload {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int BUFFER_BYTES = 256 * 1024;

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
        if (rangeHeader != null && !rangeHeader.isBlank()) {
            long[] range = parseRange(rangeHeader.trim(), size);
            if (range != null) {
                start = range[0];
                length = range[1] - range[0] + 1;
                partial = true;
            }
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
                copy(in, start, length, output);
            }
        };
    }

    private void copy(FileChannel in, long start, long length, OutputStream output) throws IOException {
        in.position(start);
        var source = Channels.newInputStream(in);
        byte[] buffer = new byte[BUFFER_BYTES];
        long left = length;
        try {
            while (left > 0) {
                int n = source.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                output.write(buffer, 0, n);
                left -= n;
            }
        } finally {
            traffic.served(length - left);
        }
    }

    private static CacheControl immutable() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(31_536_000);
        cache.setPrivate(true);
        cache.getCacheExtension().put("immutable", null);
        return cache;
    }

    /** Returns {first, last} inclusive, or null to serve the whole object (multi-range, not bytes). */
    static long[] parseRange(String header, long size) {
        if (!header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        Matcher m = SINGLE_RANGE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw unsatisfiable(header, size);
        }
        try {
            long first;
            long last;
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    throw unsatisfiable(header, size);
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
            if (first >= size || first > last) {
                throw unsatisfiable(header, size);
            }
            return new long[] {first, last};
        } catch (NumberFormatException tooLong) {
            throw unsatisfiable(header, size);
        }
    }

    private static RangeNotSatisfiableException unsatisfiable(String header, long size) {
        return new RangeNotSatisfiableException("range-not-satisfiable",
                "Range '" + (header.length() > 64 ? header.substring(0, 64) : header) + "' does not fit a "
                        + size + "-byte object", Map.of("size", size));
    }
}
