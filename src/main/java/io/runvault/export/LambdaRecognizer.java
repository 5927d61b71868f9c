package io.runvault.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Names the ONNX operator a parameter-free DJL {@code LambdaBlock} stands for. A lambda keeps its
 * function (and the pooling window it captured) out of reach, and many are anonymous (ResNetV1 adds
 * {@code Activation::relu} as a bare function), so the block is recognised by what it computes: its
 * output on a probe input is compared with each known operation's, computed by DJL itself, and the
 * first that matches exactly wins. A lambda that matches nothing is refused, never guessed.
 */
final class LambdaRecognizer {

    /** A known parameter-free operation: how DJL computes it and how ONNX writes it. */
    record Candidate(String label, Function<NDArray, NDArray> djl, Emitter onnx) {}

    /** Writes the operation into the graph, given the input value's name and DJL's output shape. */
    interface Emitter {
        String emit(OnnxGraph graph, String input, Shape output);
    }

    private static final List<Candidate> ANY_RANK = List.of(
            new Candidate("identity", x -> x, (g, in, out) -> in),
            new Candidate("relu", Activation::relu, (g, in, out) -> g.node("Relu", new String[] {in})),
            new Candidate("sigmoid", Activation::sigmoid, (g, in, out) -> g.node("Sigmoid", new String[] {in})),
            new Candidate("tanh", Activation::tanh, (g, in, out) -> g.node("Tanh", new String[] {in})),
            new Candidate("batch flatten", x -> x.reshape(x.getShape().get(0), -1), LambdaRecognizer::flatten));

    private LambdaRecognizer() {}

    /**
     * The candidate whose DJL result equals {@code output} for {@code input}.
     *
     * @throws UnsupportedBlockException when none does
     */
    static Candidate recognise(String blockName, NDArray input, NDArray output) {
        for (Candidate c : candidates(input.getShape())) {
            try (NDArray expected = c.djl().apply(input.duplicate())) {
                if (expected.getShape().equals(output.getShape()) && expected.allClose(output, 1e-6, 1e-6, false)) {
                    return c;
                }
            } catch (RuntimeException notApplicable) {
                // e.g. a pooling window larger than the image: not this candidate
            }
        }
        throw new UnsupportedBlockException("the lambda block '" + blockName + "' (" + input.getShape() + " -> "
                + output.getShape() + ") computes none of the operations the ONNX export knows"
                + " (identity, relu, sigmoid, tanh, flatten, max/average/global pooling)");
    }

    private static List<Candidate> candidates(Shape in) {
        List<Candidate> all = new ArrayList<>(ANY_RANK);
        if (in.dimension() != 4) {
            return all;
        }
        all.add(new Candidate("global average pooling", Pool::globalAvgPool2d,
                (g, x, out) -> keepRank(g, g.node("GlobalAveragePool", new String[] {x}), out)));
        all.add(new Candidate("global max pooling", Pool::globalMaxPool2d,
                (g, x, out) -> keepRank(g, g.node("GlobalMaxPool", new String[] {x}), out)));
        for (boolean ceil : new boolean[] {false, true}) {
            for (int k = 1; k <= 3; k++) {
                for (int s = 1; s <= 3; s++) {
                    for (int p = 0; p <= k / 2; p++) {
                        Shape kernel = new Shape(k, k);
                        Shape stride = new Shape(s, s);
                        Shape pad = new Shape(p, p);
                        long[] attrsK = {k, k};
                        long[] attrsS = {s, s};
                        long[] attrsP = {p, p, p, p};
                        long ceilMode = ceil ? 1 : 0;
                        all.add(new Candidate("max pooling " + k + "x" + k + "/" + s + " pad " + p,
                                x -> Pool.maxPool2d(x, kernel, stride, pad, ceil),
                                (g, x, out) -> g.node("MaxPool", new String[] {x},
                                        OnnxGraph.ints("kernel_shape", attrsK), OnnxGraph.ints("strides", attrsS),
                                        OnnxGraph.ints("pads", attrsP), OnnxGraph.integer("ceil_mode", ceilMode))));
                        for (boolean countPad : new boolean[] {true, false}) {
                            long include = countPad ? 1 : 0;
                            all.add(new Candidate("average pooling " + k + "x" + k + "/" + s + " pad " + p,
                                    x -> Pool.avgPool2d(x, kernel, stride, pad, ceil, countPad),
                                    (g, x, out) -> g.node("AveragePool", new String[] {x},
                                            OnnxGraph.ints("kernel_shape", attrsK), OnnxGraph.ints("strides", attrsS),
                                            OnnxGraph.ints("pads", attrsP), OnnxGraph.integer("ceil_mode", ceilMode),
                                            OnnxGraph.integer("count_include_pad", include))));
                        }
                    }
                }
            }
        }
        return all;
    }

    private static String flatten(OnnxGraph g, String in, Shape out) {
        return g.node("Flatten", new String[] {in}, OnnxGraph.integer("axis", 1));
    }

    /** Global pooling keeps N x C x 1 x 1 in ONNX; DJL's drops the unit axes. */
    private static String keepRank(OnnxGraph g, String pooled, Shape out) {
        return out.dimension() == 2 ? flatten(g, pooled, out) : pooled;
    }
}
