package io.runvault.reports;

/**
 * The NumPy element types Runvault reads and writes in {@code .npy}/{@code .npz} files: booleans,
 * signed and unsigned integers and IEEE floats. Object, string, complex, half-precision and
 * structured dtypes are refused by the reader.
 */
public enum NpyDType {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    UINT32('u', 4),
    INT64('i', 8),
    UINT64('u', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** NumPy's kind character: {@code b}, {@code i}, {@code u} or {@code f}. */
    public char kind() {
        return kind;
    }

    public boolean isFloat() {
        return kind == 'f';
    }

    /** The {@code descr} NumPy writes for this type in little-endian order, e.g. {@code <f8}, {@code |u1}. */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** The type of a kind character and size, or null when Runvault does not support it. */
    static NpyDType of(char kind, int itemSize) {
        for (NpyDType t : values()) {
            if (t.kind == kind && t.itemSize == itemSize) {
                return t;
            }
        }
        return null;
    }
}
