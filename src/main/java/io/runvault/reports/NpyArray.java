package io.runvault.reports;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional NumPy array held as its raw little-endian bytes in C (row-major) order.
 * Immutable: factories copy their input and accessors return copies or read-only views.
 * At most {@link #MAX_DATA_BYTES} bytes of data (one Java array).
 */
public final class NpyArray {

    /** The largest array data this class holds (the largest Java byte array). */
    public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private final NpyDType dtype;
    private final int[] shape;
    private final long size;
    private final ByteBuffer data;

    private NpyArray(NpyDType dtype, int[] shape, ByteBuffer littleEndianData) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.size = elementCount(this.shape);
        long bytes = Math.multiplyExact(size, (long) dtype.itemSize());
        if (bytes != littleEndianData.remaining()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + bytes + " bytes, got " + littleEndianData.remaining());
        }
        this.data = littleEndianData.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Wraps raw little-endian bytes (not copied: the caller hands them over). */
    static NpyArray wrap(NpyDType dtype, int[] shape, byte[] littleEndianBytes) {
        return new NpyArray(dtype, shape, ByteBuffer.wrap(littleEndianBytes));
    }

    /** The product of the dimensions (1 for a 0-d array); refuses negative dimensions and overflow. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    private static int[] shapeOrVector(int length, int[] shape) {
        int[] s = shape.length == 0 ? new int[] {length} : shape;
        if (elementCount(s) != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(s));
        }
        return s;
    }

    private static ByteBuffer allocate(long count, int itemSize) {
        long bytes = Math.multiplyExact(count, (long) itemSize);
        if (bytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("array of " + bytes + " bytes is over " + MAX_DATA_BYTES);
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float64 array; with no shape, a vector of {@code values.length}. */
    public static NpyArray ofDoubles(double[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDType.FLOAT64, shapeOrVector(values.length, shape), b);
    }

    /** A float32 array; with no shape, a vector. */
    public static NpyArray ofFloats(float[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDType.FLOAT32, shapeOrVector(values.length, shape), b);
    }

    /** An int64 array; with no shape, a vector. */
    public static NpyArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 8);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDType.INT64, shapeOrVector(values.length, shape), b);
    }

    /** An int32 array; with no shape, a vector. */
    public static NpyArray ofInts(int[] values, int... shape) {
        ByteBuffer b = allocate(values.length, 4);
        b.asIntBuffer().put(values);
        return new NpyArray(NpyDType.INT32, shapeOrVector(values.length, shape), b);
    }

    /** A uint8 array (each byte read as 0-255); with no shape, a vector. */
    public static NpyArray ofUint8(byte[] values, int... shape) {
        return new NpyArray(NpyDType.UINT8, shapeOrVector(values.length, shape), ByteBuffer.wrap(values.clone()));
    }

    public NpyDType dtype() {
        return dtype;
    }

    /** The dimensions (a copy); empty for a 0-d array. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public long size() {
        return size;
    }

    /** The number of data bytes. */
    public long byteSize() {
        return data.capacity();
    }

    /** A read-only little-endian view of the raw data. */
    public ByteBuffer buffer() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code i} (in C order) as a double, whatever the numeric type (uint64 above 2^63 wraps to its unsigned value). */
    public double getDouble(long i) {
        int at = offset(i);
        return switch (dtype) {
            case FLOAT64 -> data.getDouble(at);
            case FLOAT32 -> data.getFloat(at);
            case UINT64 -> {
                long v = data.getLong(at);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default -> getLongUnchecked(at);
        };
    }

    /** Element {@code i} (in C order) of an integer or bool array as a long; float arrays are refused. */
    public long getLong(long i) {
        if (dtype.isFloat()) {
            throw new IllegalStateException("getLong on a " + dtype + " array");
        }
        return getLongUnchecked(offset(i));
    }

    private long getLongUnchecked(int at) {
        return switch (dtype) {
            case BOOL, UINT8 -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case INT16 -> data.getShort(at);
            case UINT16 -> data.getShort(at) & 0xFFFF;
            case INT32 -> data.getInt(at);
            case UINT32 -> data.getInt(at) & 0xFFFF_FFFFL;
            case INT64, UINT64 -> data.getLong(at);
            case FLOAT32 -> (long) data.getFloat(at);
            case FLOAT64 -> (long) data.getDouble(at);
        };
    }

    private int offset(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + " of " + size);
        }
        return (int) (i * dtype.itemSize());
    }

    /** All elements as doubles, in C order. */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size)];
        if (dtype == NpyDType.FLOAT64) {
            buffer().asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements of an integer or bool array as longs, in C order. */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(size)];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** The raw little-endian bytes (a copy); for uint8 images, the pixels in C order. */
    public byte[] toByteArray() {
        byte[] out = new byte[data.capacity()];
        buffer().get(out);
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + Arrays.toString(shape) + "]";
    }
}
