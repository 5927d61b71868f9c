package io.runvault.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The state after a completed epoch, enough for {@link Trainer#train} to go on at the next one: the
 * network's parameters (DJL's parameter encoding, batch-norm statistics included), the optimizer's
 * state (update counts, Adam's moment estimates or SGD's momentum buffers), the best epoch so far and
 * its parameters, and the metric history. The learning-rate schedule depends only on the epoch number.
 * On the CPU a run resumed from a checkpoint ends exactly as the uninterrupted run would have.
 *
 * @param architecture the spec's architecture, checked on resume
 * @param epoch the last completed epoch (1-based)
 * @param parameters the parameters after {@code epoch}
 * @param optimizerState the optimizer's state after {@code epoch} (empty: start the optimizer afresh)
 * @param bestEpoch the best epoch so far by the selection metric
 * @param bestParameters the parameters after {@code bestEpoch}
 * @param history the metrics of epochs 1..{@code epoch}
 */
public record Checkpoint(
        String architecture,
        int epoch,
        byte[] parameters,
        byte[] optimizerState,
        int bestEpoch,
        byte[] bestParameters,
        List<EpochMetrics> history) {

    private static final byte[] MAGIC = {'R', 'V', 'C', 'K', 'P', 'T', 0, 2};

    public Checkpoint {
        optimizerState = optimizerState == null ? new byte[0] : optimizerState;
        history = List.copyOf(history);
        if (history.size() != epoch) {
            throw new IllegalArgumentException("a checkpoint after epoch " + epoch + " needs " + epoch
                    + " history entries, got " + history.size());
        }
    }

    /** Writes the checkpoint to {@code out}. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeUTF(architecture);
        d.writeInt(epoch);
        d.writeInt(bestEpoch);
        for (EpochMetrics m : history) {
            d.writeInt(m.epoch());
            for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.valLoss(), m.valAccuracy(),
                    m.valAuc(), m.valMacroF1(), m.learningRate(), m.seconds()}) {
                d.writeDouble(v);
            }
        }
        d.writeInt(parameters.length);
        d.write(parameters);
        d.writeInt(optimizerState.length);
        d.write(optimizerState);
        boolean same = bestEpoch == epoch && java.util.Arrays.equals(parameters, bestParameters);
        d.writeBoolean(same);
        if (!same) {
            d.writeInt(bestParameters.length);
            d.write(bestParameters);
        }
        d.flush();
    }

    /** Writes the checkpoint to {@code file} atomically (a temporary file, then a rename). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The checkpoint as bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Reads a checkpoint written by {@link #write(OutputStream)}. */
    public static Checkpoint read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = d.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Runvault training checkpoint (bad magic)");
        }
        String architecture = d.readUTF();
        int epoch = d.readInt();
        int bestEpoch = d.readInt();
        if (epoch < 1 || epoch > 1_000_000 || bestEpoch < 1 || bestEpoch > epoch) {
            throw new IOException("corrupt checkpoint: epoch " + epoch + ", best epoch " + bestEpoch);
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int i = 0; i < epoch; i++) {
            int e = d.readInt();
            double[] v = new double[8];
            for (int k = 0; k < v.length; k++) {
                v[k] = d.readDouble();
            }
            history.add(new EpochMetrics(e, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        byte[] parameters = readBlock(d);
        byte[] optimizerState = readBlock(d);
        byte[] best = d.readBoolean() ? parameters : readBlock(d);
        return new Checkpoint(architecture, epoch, parameters, optimizerState, bestEpoch, best, history);
    }

    /** Reads a checkpoint file. */
    public static Checkpoint read(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    /** Reads a checkpoint from bytes. */
    public static Checkpoint fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static byte[] readBlock(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0) {
            throw new IOException("corrupt checkpoint: negative block length");
        }
        byte[] b = d.readNBytes(n);
        if (b.length != n) {
            throw new IOException("truncated checkpoint: expected " + n + " bytes, found " + b.length);
        }
        return b;
    }
}
