package io.runvault.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam or SGD (with optional momentum) computing exactly what DJL's {@code Adam} and {@code Sgd} compute
 * (the same fused PyTorch kernels, the same bias correction), but whose state (per-parameter update
 * counts, Adam's moment estimates, SGD's momentum buffers) can be exported into a checkpoint and
 * imported on resume, so that a resumed run continues bit for bit where it stopped.
 *
 * <p>Parameters are identified in the exported state by their position in the block's parameter
 * list, because DJL's parameter ids are random per process.
 */
final class ResumableOptimizer extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final boolean adam;
    private final float momentum;
    private final EpochSchedule schedule;
    private final List<String> parameterIds;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, NDArray[]> states = new HashMap<>();

    private ResumableOptimizer(Builder b) {
        super(b);
        this.adam = b.adam;
        this.momentum = b.momentum;
        this.schedule = b.schedule;
        this.parameterIds = List.copyOf(b.parameterIds);
    }

    static Builder builder(boolean adam, float momentum, EpochSchedule schedule, List<String> parameterIds) {
        return new Builder(adam, momentum, schedule, parameterIds);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = counts.merge(parameterId, 1, Integer::sum);
        float lr = schedule.getNewValue(parameterId, t);
        float wd = getWeightDecay();
        if (Float.isNaN(lr) || Float.isInfinite(lr) || Float.isNaN(wd) || Float.isInfinite(wd)) {
            throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
        }
        if (adam) {
            NDArray[] mv = states.computeIfAbsent(parameterId, k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
            double coef1 = 1.0 - Math.pow(BETA1, t);
            double coef2 = 1.0 - Math.pow(BETA2, t);
            float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mv[0], mv[1]), new NDList(weight),
                    lr, corrected, wd, rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
        } else if (momentum != 0f) {
            NDArray[] m = states.computeIfAbsent(parameterId, k -> new NDArray[] {weight.zerosLike()});
            weight.getNDArrayInternal().sgdUpdate(new NDList(weight, grad, m[0]), new NDList(weight),
                    lr, wd, rescaleGrad, clipGrad, momentum, true);
        } else {
            weight.getNDArrayInternal().sgdUpdate(new NDList(weight, grad), new NDList(weight),
                    lr, wd, rescaleGrad, clipGrad, momentum, true);
        }
    }

    /** The state, parameter by parameter in block order: update count, then the state arrays. */
    byte[] exportState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(adam);
            out.writeInt(parameterIds.size());
            for (String id : parameterIds) {
                out.writeInt(counts.getOrDefault(id, 0));
                NDArray[] s = states.get(id);
                out.writeInt(s == null ? 0 : s.length);
                if (s != null) {
                    for (NDArray a : s) {
                        byte[] encoded = a.encode();
                        out.writeInt(encoded.length);
                        out.write(encoded);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores a state written by {@link #exportState()} of an optimizer for the same network. */
    void importState(byte[] state, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            boolean savedAdam = in.readBoolean();
            if (savedAdam != adam) {
                throw new IllegalArgumentException("the checkpoint's optimizer state is for "
                        + (savedAdam ? "adam" : "sgd") + ", the spec says " + (adam ? "adam" : "sgd"));
            }
            int n = in.readInt();
            if (n != parameterIds.size()) {
                throw new IllegalArgumentException("the checkpoint's optimizer state covers " + n
                        + " parameters, the network has " + parameterIds.size());
            }
            for (String id : parameterIds) {
                int count = in.readInt();
                if (count > 0) {
                    counts.put(id, count);
                }
                int k = in.readInt();
                if (k > 0) {
                    NDArray[] s = new NDArray[k];
                    for (int i = 0; i < k; i++) {
                        byte[] encoded = in.readNBytes(in.readInt());
                        s[i] = manager.decode(encoded);
                    }
                    states.put(id, s);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt optimizer state in the checkpoint: " + e.getMessage(), e);
        }
    }

    static final class Builder extends OptimizerBuilder<Builder> {
        private final boolean adam;
        private final float momentum;
        private final EpochSchedule schedule;
        private final List<String> parameterIds;

        Builder(boolean adam, float momentum, EpochSchedule schedule, List<String> parameterIds) {
            this.adam = adam;
            this.momentum = momentum;
            this.schedule = schedule;
            this.parameterIds = parameterIds;
        }

        @Override
        protected Builder self() {
            return this;
        }

        ResumableOptimizer build() {
            return new ResumableOptimizer(this);
        }
    }
}
