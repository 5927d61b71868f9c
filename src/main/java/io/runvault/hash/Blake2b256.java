package io.runvault.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Streaming BLAKE2b-256 (RFC 7693, unkeyed, 32-byte digest); output is identical to
 * {@code b2sum -l 256}. Pure Java, no dependencies.
 *
 * <p>Call {@code update} any number of times, then {@link #digest()}. {@code digest()} finalises
 * the hash and then {@linkplain #reset() resets} this instance to the empty-message state, so the
 * same instance can hash the next message (as {@link java.security.MessageDigest} does).
 * Instances are not thread-safe.
 *
 * <p>Performance notes (measured with HotSpot C2 on JDK 17 and 25, x86-64). The compression
 * function keeps the 16 working words in {@code long} locals with all 12 rounds unrolled, but is
 * split into two 6-round methods ({@code rounds0To5}, {@code rounds6To11}) that exchange the
 * working vector through {@link #v}:
 * <ul>
 *   <li>A single 12-round method is about 7.7 KB of bytecode, under the 8000-byte huge-method
 *       limit, but C2's register allocation of it is so poor that it ran about 4x slower.
 *       Splitting into 3, 4 or 12 parts, or initialising/finishing the state inside the round
 *       methods, measured 2-30% slower than two halves.
 *   <li>Message words are read from {@link #m} at each use rather than held in 16 more locals:
 *       a use then folds into an {@code add} from memory instead of competing for registers. The
 *       {@code v[15] = v15} store between rounds is what makes that happen: without a store to
 *       {@code long[]} memory C2 commons each word's six loads into one long-lived value that is
 *       then spilled. This was about 5% faster than message words in locals or parameters.
 *   <li>{@code a = a + b + m} is written in that association (not {@code a += b + m}) so C2 adds
 *       into {@code a}'s register instead of copying {@code b} to a temporary first (about 2%).
 * </ul>
 */
public final class Blake2b256 {

    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;

    private static final int BLOCK = 128;
    /** Staging size for direct buffers: small enough to stay in L1 next to the state. */
    private static final int SCRATCH = 8192;

    // Message words are little-endian; this view compiles to a plain (unaligned) 64-bit load.
    private static final VarHandle LE_LONGS_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // BLAKE2b IV (the SHA-512 IV).
    private static final long IV0 = 0x6a09e667f3bcc908L;
    private static final long IV1 = 0xbb67ae8584caa73bL;
    private static final long IV2 = 0x3c6ef372fe94f82bL;
    private static final long IV3 = 0xa54ff53a5f1d36f1L;
    private static final long IV4 = 0x510e527fade682d1L;
    private static final long IV5 = 0x9b05688c2b3e6c1fL;
    private static final long IV6 = 0x1f83d9abfb41bd6bL;
    private static final long IV7 = 0x5be0cd19137e2179L;

    /** Parameter block word 0: digest length 32, key length 0, fanout 1, depth 1. */
    private static final long PARAM0 = 0x01010000L | DIGEST_LENGTH;

    /** Chaining value. */
    private final long[] h = new long[8];
    /** Working vector, handed between the two halves of the compression function. */
    private final long[] v = new long[16];
    /** Message words of the block being compressed. */
    private final long[] m = new long[16];
    /**
     * Bytes not yet compressed. BLAKE2b compresses the last block with the final flag set, so a
     * full block stays here until more input shows it is not the last one.
     */
    private final byte[] block = new byte[BLOCK];
    private int blockLen;
    /** Byte counter t = t1:t0 (128 bits), counting up to the end of the block being compressed. */
    private long t0;
    private long t1;
    /** Staging array for direct and read-only buffers, allocated on first use. */
    private byte[] scratch;

    public Blake2b256() {
        reset();
    }

    /** How the registry writes a BLAKE2b-256 hash as text: this prefix, then 64 lowercase hex digits. */
    public static final String PREFIX = "blake2b:";

    /** One-shot BLAKE2b-256 of {@code data}, written {@code blake2b:<64 lowercase hex>}. */
    public static String text(byte[] data) {
        return PREFIX + HexFormat.of().formatHex(hash(data));
    }

    /** One-shot BLAKE2b-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        Blake2b256 b = new Blake2b256();
        b.update(data, 0, data.length);
        return b.digest();
    }

    /** Discards any input and restores the empty-message state. */
    public void reset() {
        h[0] = IV0 ^ PARAM0;
        h[1] = IV1;
        h[2] = IV2;
        h[3] = IV3;
        h[4] = IV4;
        h[5] = IV5;
        h[6] = IV6;
        h[7] = IV7;
        t0 = 0;
        t1 = 0;
        blockLen = 0;
    }

    /** Hashes {@code len} bytes of {@code b} starting at {@code off}. */
    public void update(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        if (blockLen > 0 || len <= BLOCK) {
            int fill = Math.min(BLOCK - blockLen, len);
            System.arraycopy(b, off, block, blockLen, fill);
            blockLen += fill;
            off += fill;
            len -= fill;
            if (len == 0) {
                return; // the buffered block may be the final one
            }
            addToCounter(BLOCK);
            compressArray(block, 0, 0L);
            blockLen = 0;
        }
        // Compress straight from the caller's array, always holding back the last 1..128 bytes.
        while (len > BLOCK) {
            addToCounter(BLOCK);
            compressArray(b, off, 0L);
            off += BLOCK;
            len -= BLOCK;
        }
        System.arraycopy(b, off, block, 0, len);
        blockLen = len;
    }

    /**
     * Hashes the buffer's remaining bytes and advances its position to its limit. Works for heap,
     * direct and read-only buffers; direct buffers are staged through a small heap array.
     */
    public void update(ByteBuffer buf) {
        int pos = buf.position();
        int lim = buf.limit();
        int len = lim - pos;
        if (len <= 0) {
            return;
        }
        if (buf.hasArray()) {
            update(buf.array(), buf.arrayOffset() + pos, len);
            buf.position(lim);
            return;
        }
        // Direct or read-only buffer: bulk-copy through a small heap array (an intrinsic memcpy)
        // and hash that. Reading the buffer in place through a byteBufferViewVarHandle was as fast
        // when C2 inlined the JDK 17 access path, but in some runs it did not and hashing
        // dropped by about 25%; the copy costs about 1% and is predictable.
        byte[] s = scratch;
        if (s == null) {
            s = scratch = new byte[SCRATCH];
        }
        while (len > 0) {
            int n = Math.min(len, SCRATCH);
            buf.get(pos, s, 0, n);
            update(s, 0, n);
            pos += n;
            len -= n;
        }
        buf.position(lim);
    }

    /** Finalises and returns the 32-byte digest, then resets this instance for reuse. */
    public byte[] digest() {
        addToCounter(blockLen);
        Arrays.fill(block, blockLen, BLOCK, (byte) 0); // the final block is zero-padded
        compressArray(block, 0, -1L); // final block flag f0 = all ones
        byte[] out = new byte[DIGEST_LENGTH];
        for (int i = 0; i < DIGEST_LENGTH / 8; i++) {
            LE_LONGS_ARRAY.set(out, i * 8, h[i]);
        }
        reset();
        return out;
    }

    private void addToCounter(int n) {
        t0 += n;
        if (Long.compareUnsigned(t0, n) < 0) {
            t1++; // carry out of the low word
        }
    }

    private void compressArray(byte[] buf, int off, long f0) {
        long[] m = this.m;
        m[0] = (long) LE_LONGS_ARRAY.get(buf, off + 0);
        m[1] = (long) LE_LONGS_ARRAY.get(buf, off + 8);
        m[2] = (long) LE_LONGS_ARRAY.get(buf, off + 16);
        m[3] = (long) LE_LONGS_ARRAY.get(buf, off + 24);
        m[4] = (long) LE_LONGS_ARRAY.get(buf, off + 32);
        m[5] = (long) LE_LONGS_ARRAY.get(buf, off + 40);
        m[6] = (long) LE_LONGS_ARRAY.get(buf, off + 48);
        m[7] = (long) LE_LONGS_ARRAY.get(buf, off + 56);
        m[8] = (long) LE_LONGS_ARRAY.get(buf, off + 64);
        m[9] = (long) LE_LONGS_ARRAY.get(buf, off + 72);
        m[10] = (long) LE_LONGS_ARRAY.get(buf, off + 80);
        m[11] = (long) LE_LONGS_ARRAY.get(buf, off + 88);
        m[12] = (long) LE_LONGS_ARRAY.get(buf, off + 96);
        m[13] = (long) LE_LONGS_ARRAY.get(buf, off + 104);
        m[14] = (long) LE_LONGS_ARRAY.get(buf, off + 112);
        m[15] = (long) LE_LONGS_ARRAY.get(buf, off + 120);
        compress(f0);
    }


    /** The compression function F on the message words in {@link #m}; f0 is the final flag. */
    private void compress(long f0) {
        long[] h = this.h;
        long[] v = this.v;
        long[] m = this.m;
        System.arraycopy(h, 0, v, 0, 8);
        v[8] = IV0;
        v[9] = IV1;
        v[10] = IV2;
        v[11] = IV3;
        v[12] = IV4 ^ t0;
        v[13] = IV5 ^ t1;
        v[14] = IV6 ^ f0;
        v[15] = IV7;
        rounds0To5(v, m);
        rounds6To11(v, m);
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    // Each G(a, b, c, d, x, y) is four lines:
    //   d = (d ^ (a = a + b + x)) >>> 32;  b = (b ^ (c += d)) >>> 24;
    //   d = (d ^ (a = a + b + y)) >>> 16;  b = (b ^ (c += d)) >>> 63;   (>>> = rotate right)
    // with x, y = m[SIGMA[round % 10][2i]], m[SIGMA[round % 10][2i + 1]] for the i-th G of the
    // round, columns (0,4,8,12) (1,5,9,13) (2,6,10,14) (3,7,11,15) then diagonals (0,5,10,15)
    // (1,6,11,12) (2,7,8,13) (3,4,9,14).

    /** Rounds 0-5 of F on the working vector {@code v}. */
    private static void rounds0To5(long[] v, long[] m) {
        long v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3];
        long v4 = v[4], v5 = v[5], v6 = v[6], v7 = v[7];
        long v8 = v[8], v9 = v[9], v10 = v[10], v11 = v[11];
        long v12 = v[12], v13 = v[13], v14 = v[14], v15 = v[15];
        // round 0
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[0]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[1]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[2]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[3]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[4]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[5]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[6]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[7]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[8]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[9]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[10]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[11]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[12]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[13]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[14]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[15]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 1
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[14]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[10]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[4]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[8]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[9]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[15]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[13]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[6]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[1]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[12]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[0]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[2]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[11]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[7]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[5]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[3]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 2
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[11]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[8]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[12]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[0]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[5]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[2]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[15]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[13]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[10]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[14]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[3]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[6]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[7]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[1]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[9]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[4]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 3
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[7]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[9]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[3]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[1]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[13]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[12]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[11]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[14]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[2]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[6]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[5]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[10]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[4]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[0]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[15]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[8]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 4
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[9]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[0]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[5]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[7]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[2]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[4]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[10]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[15]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[14]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[1]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[11]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[12]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[6]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[8]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[3]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[13]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 5
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[2]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[12]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[6]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[10]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[0]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[11]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[8]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[3]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[4]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[13]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[7]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[5]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[15]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[14]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[1]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[9]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
        v[4] = v4;
        v[5] = v5;
        v[6] = v6;
        v[7] = v7;
        v[8] = v8;
        v[9] = v9;
        v[10] = v10;
        v[11] = v11;
        v[12] = v12;
        v[13] = v13;
        v[14] = v14;
        v[15] = v15;
    }

    /** Rounds 6-11 of F on the working vector {@code v}. */
    private static void rounds6To11(long[] v, long[] m) {
        long v0 = v[0], v1 = v[1], v2 = v[2], v3 = v[3];
        long v4 = v[4], v5 = v[5], v6 = v[6], v7 = v[7];
        long v8 = v[8], v9 = v[9], v10 = v[10], v11 = v[11];
        long v12 = v[12], v13 = v[13], v14 = v[14], v15 = v[15];
        // round 6
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[12]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[5]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[1]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[15]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[14]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[13]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[4]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[10]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[0]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[7]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[6]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[3]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[9]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[2]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[8]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[11]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 7
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[13]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[11]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[7]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[14]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[12]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[1]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[3]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[9]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[5]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[0]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[15]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[4]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[8]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[6]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[2]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[10]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 8
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[6]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[15]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[14]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[9]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[11]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[3]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[0]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[8]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[12]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[2]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[13]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[7]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[1]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[4]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[10]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[5]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 9
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[10]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[2]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[8]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[4]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[7]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[6]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[1]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[5]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[15]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[11]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[9]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[14]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[3]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[12]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[13]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[0]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 10
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[0]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[1]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[2]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[3]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[4]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[5]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[6]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[7]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[8]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[9]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[10]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[11]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[12]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[13]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[14]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[15]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[15] = v15; // memory barrier for C2's load commoning, see class comment
        // round 11
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[14]), 32);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v0 = v0 + v4 + m[10]), 16);
        v4 = Long.rotateRight(v4 ^ (v8 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[4]), 32);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v1 = v1 + v5 + m[8]), 16);
        v5 = Long.rotateRight(v5 ^ (v9 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[9]), 32);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v2 = v2 + v6 + m[15]), 16);
        v6 = Long.rotateRight(v6 ^ (v10 += v14), 63);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[13]), 32);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v3 = v3 + v7 + m[6]), 16);
        v7 = Long.rotateRight(v7 ^ (v11 += v15), 63);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[1]), 32);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 24);
        v15 = Long.rotateRight(v15 ^ (v0 = v0 + v5 + m[12]), 16);
        v5 = Long.rotateRight(v5 ^ (v10 += v15), 63);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[0]), 32);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 24);
        v12 = Long.rotateRight(v12 ^ (v1 = v1 + v6 + m[2]), 16);
        v6 = Long.rotateRight(v6 ^ (v11 += v12), 63);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[11]), 32);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 24);
        v13 = Long.rotateRight(v13 ^ (v2 = v2 + v7 + m[7]), 16);
        v7 = Long.rotateRight(v7 ^ (v8 += v13), 63);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[5]), 32);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 24);
        v14 = Long.rotateRight(v14 ^ (v3 = v3 + v4 + m[3]), 16);
        v4 = Long.rotateRight(v4 ^ (v9 += v14), 63);
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
        v[4] = v4;
        v[5] = v5;
        v[6] = v6;
        v[7] = v7;
        v[8] = v8;
        v[9] = v9;
        v[10] = v10;
        v[11] = v11;
        v[12] = v12;
        v[13] = v13;
        v[14] = v14;
        v[15] = v15;
    }
}
