package io.runvault.datasets;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image decoder's input over bytes already in memory. ImageIO's own streams over an
 * InputStream cache what they read (in memory or a temporary file): a second copy of every entry.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    private final byte[] bytes;

    ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
