package io.runvault.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NPY file format (numpy.lib.format): writes version 1.0 headers; reads versions 1.0, 2.0 and
 * 3.0 strictly. A header is the magic {@code \x93NUMPY}, the version, the header length and a Python
 * dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3,), }} padded with
 * spaces and ended by a newline so that the data starts at a multiple of 64 bytes.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy's own default limit on the header dict's length (numpy.lib.format's max_header_size). */
    static final int MAX_HEADER_LENGTH = 10_000;

    private Npy() {
    }

    /** The complete version 1.0 header (magic to newline) for an array. */
    public static byte[] header(NpyArray array) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(array.dtype().descr())
                .append("', 'fortran_order': False, 'shape': (");
        int[] shape = array.shape();
        for (int i = 0; i < shape.length; i++) {
            dict.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        dict.append(" ".repeat(padding)).append('\n');
        int headerLength = dict.length();
        if (headerLength > 0xFFFF) {
            throw new IllegalArgumentException("shape too long for an NPY 1.0 header");
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        b.put(dict.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes one array as an NPY 1.0 file (header then little-endian data). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array));
        ByteBuffer data = array.buffer();
        byte[] chunk = new byte[64 * 1024];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** The bytes of an NPY 1.0 file holding the array. */
    public static byte[] toBytes(NpyArray array) {
        byte[] header = header(array);
        long total = header.length + array.byteSize();
        if (total > NpyArray.MAX_DATA_BYTES) {
            throw new IllegalArgumentException("array too large for one byte array: " + total + " bytes");
        }
        byte[] out = Arrays.copyOf(header, (int) total);
        array.buffer().get(out, header.length, (int) array.byteSize());
        return out;
    }

    /** What a header declares. */
    record Header(NpyDType dtype, boolean bigEndian, int[] shape, long dataBytes, int headerBytes) {
    }

    /**
     * Reads one NPY file from the stream: the header, then exactly the data it declares, then
     * requires the end of the stream. Refuses data over {@code maxDataBytes} before allocating it.
     */
    public static NpyArray read(InputStream in, long maxDataBytes) throws IOException {
        return read(in, "array", maxDataBytes);
    }

    static NpyArray read(InputStream in, String name, long maxDataBytes) throws IOException {
        Header h = readHeader(in, name);
        if (h.dataBytes() > maxDataBytes) {
            throw new NpyFormatException(name + ": shape " + Arrays.toString(h.shape()) + " of " + h.dtype().descr()
                    + " declares " + h.dataBytes() + " data bytes, over the limit of " + maxDataBytes);
        }
        return readData(in, name, h);
    }

    /** Reads the data a header declared, then requires the end of the stream. */
    static NpyArray readData(InputStream in, String name, Header h) throws IOException {
        if (h.dataBytes() > NpyArray.MAX_DATA_BYTES) {
            throw new NpyFormatException(name + ": shape " + Arrays.toString(h.shape()) + " of " + h.dtype().descr()
                    + " declares " + h.dataBytes() + " data bytes, over the limit of " + NpyArray.MAX_DATA_BYTES);
        }
        byte[] data = new byte[(int) h.dataBytes()];
        int got = in.readNBytes(data, 0, data.length);
        if (got < data.length) {
            throw new NpyFormatException(name + ": truncated data: the header declares " + data.length
                    + " bytes, the file holds " + got);
        }
        if (in.read() != -1) {
            throw new NpyFormatException(name + ": trailing bytes after the " + data.length + " data bytes the header declares");
        }
        if (h.bigEndian() && h.dtype().itemSize() > 1) {
            swap(data, h.dtype().itemSize());
        }
        return NpyArray.wrap(h.dtype(), h.shape(), data);
    }

    private static void swap(byte[] data, int itemSize) {
        for (int at = 0; at < data.length; at += itemSize) {
            for (int i = 0, j = itemSize - 1; i < j; i++, j--) {
                byte t = data[at + i];
                data[at + i] = data[at + j];
                data[at + j] = t;
            }
        }
    }

    static Header readHeader(InputStream in, String name) throws IOException {
        byte[] magic = readExactly(in, 8, name, "the magic and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new NpyFormatException(name + ": not an NPY file (bad magic)");
            }
        }
        int major = magic[6] & 0xFF;
        int minor = magic[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException(name + ": unsupported NPY format version " + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lb = ByteBuffer.wrap(readExactly(in, lengthBytes, name, "the header length")).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lb.getShort() & 0xFFFF : lb.getInt() & 0xFFFF_FFFFL;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new NpyFormatException(name + ": header of " + headerLength + " bytes is over the limit of " + MAX_HEADER_LENGTH);
        }
        byte[] raw = readExactly(in, (int) headerLength, name, "the header");
        String text;
        if (major == 3) {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } else {
            for (byte b : raw) {
                if (b < 0) {
                    throw new NpyFormatException(name + ": header is not ASCII");
                }
            }
            text = new String(raw, StandardCharsets.US_ASCII);
        }
        if (!text.endsWith("\n")) {
            throw new NpyFormatException(name + ": header does not end with a newline");
        }
        Header h = new HeaderParser(text.substring(0, text.length() - 1), name).parse();
        return new Header(h.dtype(), h.bigEndian(), h.shape(), h.dataBytes(), 8 + lengthBytes + (int) headerLength);
    }

    private static byte[] readExactly(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException(name + ": truncated: the file ends inside " + what);
        }
        return b;
    }

    /** A strict parser of the header's Python dict literal: exactly the keys descr, fortran_order and shape. */
    private static final class HeaderParser {
        private final String s;
        private final String name;
        private int at;

        HeaderParser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        Header parse() throws NpyFormatException {
            String descr = null;
            Boolean fortran = null;
            int[] shape = null;
            skipSpaces();
            expect('{');
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    at++;
                    break;
                }
                String key = string();
                skipSpaces();
                expect(':');
                skipSpaces();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw bad("duplicate key 'descr'");
                        }
                        if (peek() != '\'' && peek() != '"') {
                            throw bad("unsupported dtype: structured or non-string descr");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw bad("duplicate key 'fortran_order'");
                        }
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw bad("duplicate key 'shape'");
                        }
                        shape = tuple();
                    }
                    default -> throw bad("unexpected key '" + key + "'");
                }
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw bad("expected ',' or '}' at offset " + at);
                }
            }
            skipSpaces();
            if (at != s.length()) {
                throw bad("unexpected text after the dict");
            }
            if (descr == null || fortran == null || shape == null) {
                throw bad("missing key(s): the header needs descr, fortran_order and shape");
            }
            if (fortran) {
                throw new NpyFormatException(name + ": fortran_order arrays are not supported (write a C-ordered array)");
            }
            if (descr.length() < 3) {
                throw new NpyFormatException(name + ": unsupported dtype '" + descr + "'");
            }
            char order = descr.charAt(0);
            char kind = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw new NpyFormatException(name + ": unsupported dtype '" + descr + "'");
            }
            NpyDType dtype = NpyDType.of(kind, size);
            boolean orderOk = size == 1 ? order == '|' || order == '<' || order == '>' : order == '<' || order == '>';
            if (dtype == null || !orderOk) {
                throw new NpyFormatException(name + ": unsupported dtype '" + descr
                        + "' (supported: bool, int8-64, uint8-64, float32, float64)");
            }
            long elements;
            long bytes;
            try {
                elements = NpyArray.elementCount(shape);
                bytes = Math.multiplyExact(elements, (long) size);
            } catch (ArithmeticException e) {
                throw new NpyFormatException(name + ": shape " + Arrays.toString(shape) + " overflows");
            }
            return new Header(dtype, order == '>', shape, bytes, 0);
        }

        private NpyFormatException bad(String what) {
            return new NpyFormatException(name + ": malformed header: " + what);
        }

        private char peek() throws NpyFormatException {
            if (at >= s.length()) {
                throw bad("unexpected end");
            }
            return s.charAt(at);
        }

        private void expect(char c) throws NpyFormatException {
            if (peek() != c) {
                throw bad("expected '" + c + "' at offset " + at);
            }
            at++;
        }

        private void skipSpaces() {
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }

        private String string() throws NpyFormatException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw bad("expected a quoted string at offset " + at);
            }
            int end = s.indexOf(q, at + 1);
            if (end < 0) {
                throw bad("unterminated string");
            }
            String v = s.substring(at + 1, end);
            if (v.indexOf('\\') >= 0) {
                throw bad("escapes are not supported in header strings");
            }
            at = end + 1;
            return v;
        }

        private boolean bool() throws NpyFormatException {
            if (s.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw bad("fortran_order must be True or False");
        }

        private int[] tuple() throws NpyFormatException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    at++;
                    break;
                }
                int start = at;
                while (at < s.length() && Character.isDigit(s.charAt(at))) {
                    at++;
                }
                if (start == at) {
                    throw bad("shape must be a tuple of non-negative integers");
                }
                long d;
                try {
                    d = Long.parseLong(s.substring(start, at));
                } catch (NumberFormatException e) {
                    d = Long.MAX_VALUE;
                }
                if (d > Integer.MAX_VALUE) {
                    throw bad("shape dimension " + s.substring(start, at) + " is too large");
                }
                dims.add((int) d);
                skipSpaces();
                trailingComma = false;
                if (peek() == ',') {
                    at++;
                    trailingComma = true;
                } else if (peek() != ')') {
                    throw bad("expected ',' or ')' in shape at offset " + at);
                }
            }
            if (dims.size() == 1 && !trailingComma) {
                throw bad("a one-dimensional shape needs a trailing comma, e.g. (3,)");
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
