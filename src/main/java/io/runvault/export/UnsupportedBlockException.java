package io.runvault.export;

/** The network holds a block the ONNX export cannot translate; the message names it. */
public final class UnsupportedBlockException extends RuntimeException {

    public UnsupportedBlockException(String message) {
        super(message);
    }
}
