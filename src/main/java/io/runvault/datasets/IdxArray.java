package io.runvault.datasets;

import java.util.Arrays;

/**
 * The content of one IDX file: its dimensions and its values as unsigned bytes. Only the unsigned
 * byte element type (0x08), the one the MNIST family uses, is supported.
 */
public record IdxArray(int[] dims, byte[] data) {

    /** Number of entries along the first dimension (images or labels). */
    public int count() {
        return dims[0];
    }

    /** Product of the dimensions after the first (pixels per image; 1 for a label file). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Value at flat position {@code i} as an int in 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other && Arrays.equals(dims, other.dims) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims);
    }
}
