package io.runvault.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an initialised DJL block tree into ONNX nodes by walking it with a probe batch: every
 * block is run in inference mode on the value that reaches it, so each step knows its input and
 * output (shapes, and the values needed to recognise parameter-free lambdas and parallel joins).
 * Parameters become initializers with DJL's layouts, which are ONNX's (OIHW convolution weights,
 * out x in dense weights).
 */
final class BlockConverter {

    /** A value of the graph: its ONNX name and what DJL computed for the probe batch. */
    record Traced(String name, NDArray value) {}

    private final OnnxGraph graph;
    private final ParameterStore store;

    BlockConverter(OnnxGraph graph, ParameterStore store) {
        this.graph = graph;
        this.store = store;
    }

    Traced convert(Block block, Traced in) {
        if (block instanceof SequentialBlock) {
            Traced current = in;
            for (Block child : block.getChildren().values()) {
                current = convert(child, current);
            }
            return current;
        }
        if (block instanceof ParallelBlock) {
            return parallel(block, in);
        }
        NDArray out = forward(block, in.value());
        if (block instanceof Dropout) {
            return new Traced(in.name(), out); // identity at inference
        }
        if (block instanceof Convolution conv) {
            return new Traced(convolution(conv, in.name()), out);
        }
        if (block instanceof Linear linear) {
            return new Traced(linear(linear, in), out);
        }
        if (block instanceof BatchNorm norm) {
            return new Traced(batchNorm(norm, in), out);
        }
        if (block instanceof LambdaBlock lambda) {
            LambdaRecognizer.Candidate op = LambdaRecognizer.recognise(lambda.getName(), in.value(), out);
            return new Traced(op.onnx().emit(graph, in.name(), out.getShape()), out);
        }
        throw new UnsupportedBlockException("the ONNX export does not know the block "
                + block.getClass().getName() + " (" + in.value().getShape() + ")");
    }

    private NDArray forward(Block block, NDArray x) {
        NDList out = block.forward(store, new NDList(x), false);
        if (out.size() != 1) {
            throw new UnsupportedBlockException("block " + block.getClass().getSimpleName() + " returns "
                    + out.size() + " arrays; the export follows one tensor through the network");
        }
        return out.singletonOrThrow();
    }

    private String convolution(Convolution conv, String in) {
        if (!conv.getClass().getSimpleName().matches("Conv[123]d")) {
            throw new UnsupportedBlockException("the ONNX export handles Conv1d/2d/3d, not " + conv.getClass().getName());
        }
        String prefix = graph.fresh("conv");
        List<String> inputs = new ArrayList<>(List.of(in, graph.initializer(prefix + ".weight", param(conv, "weight"))));
        Parameter bias = conv.getParameters().get("bias");
        if (conv.isIncludeBias() && bias != null) {
            inputs.add(graph.initializer(prefix + ".bias", bias.getArray()));
        }
        long[] padding = conv.getPadding().getShape();
        long[] pads = new long[padding.length * 2];
        System.arraycopy(padding, 0, pads, 0, padding.length);
        System.arraycopy(padding, 0, pads, padding.length, padding.length);
        return graph.node("Conv", prefix, prefix + "_out", inputs.toArray(String[]::new),
                OnnxGraph.ints("kernel_shape", conv.getKernelShape().getShape()),
                OnnxGraph.ints("strides", conv.getStride().getShape()),
                OnnxGraph.ints("pads", pads),
                OnnxGraph.ints("dilations", conv.getDilation().getShape()),
                OnnxGraph.integer("group", conv.getGroups()));
    }

    private String linear(Linear linear, Traced in) {
        String prefix = graph.fresh("dense");
        NDArray weight = param(linear, "weight");
        Parameter bias = linear.getParameters().get("bias");
        if (in.value().getShape().dimension() == 2) {
            List<String> inputs = new ArrayList<>(List.of(in.name(), graph.initializer(prefix + ".weight", weight)));
            if (bias != null) {
                inputs.add(graph.initializer(prefix + ".bias", bias.getArray()));
            }
            return graph.node("Gemm", prefix, prefix + "_out", inputs.toArray(String[]::new),
                    OnnxGraph.integer("transB", 1));
        }
        // DJL applies a dense layer to the last axis of a higher-rank input: MatMul by W^T, then the bias.
        String product = graph.node("MatMul", prefix, prefix + "_matmul",
                new String[] {in.name(), graph.initializer(prefix + ".weight_t", weight.transpose())});
        if (bias == null) {
            return product;
        }
        return graph.node("Add", prefix + "_bias", prefix + "_out",
                new String[] {product, graph.initializer(prefix + ".bias", bias.getArray())});
    }

    private String batchNorm(BatchNorm norm, Traced in) {
        int axis = (Integer) field(norm, "axis");
        if (axis != 1 || in.value().getShape().dimension() < 2) {
            throw new UnsupportedBlockException("the ONNX export handles batch norm over axis 1 (channels), not axis "
                    + axis + " of " + in.value().getShape());
        }
        float epsilon = (Float) field(norm, "epsilon");
        String prefix = graph.fresh("batchnorm");
        return graph.node("BatchNormalization", prefix, prefix + "_out", new String[] {
                in.name(),
                graph.initializer(prefix + ".gamma", param(norm, "gamma")),
                graph.initializer(prefix + ".beta", param(norm, "beta")),
                graph.initializer(prefix + ".running_mean", param(norm, "runningMean")),
                graph.initializer(prefix + ".running_var", param(norm, "runningVar"))},
                OnnxGraph.real("epsilon", epsilon));
    }

    /**
     * Branches see the same input; the join (a function the block keeps to itself) is recognised by
     * comparing the block's output with sum, sum then ReLU, and concatenation of the branches.
     */
    private Traced parallel(Block block, Traced in) {
        List<Traced> branches = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            branches.add(convert(child, in));
        }
        NDArray out = forward(block, in.value());
        String[] names = branches.stream().map(Traced::name).toArray(String[]::new);
        NDArray sum = branches.get(0).value();
        for (int i = 1; i < branches.size(); i++) {
            sum = sum.add(branches.get(i).value());
        }
        if (same(sum, out)) {
            return new Traced(graph.node("Sum", names), out);
        }
        if (same(sum.maximum(0f), out)) {
            return new Traced(graph.node("Relu", new String[] {graph.node("Sum", names)}), out);
        }
        NDList values = new NDList(branches.stream().map(Traced::value).toList());
        if (branches.get(0).value().getShape().dimension() >= 2 && same(ai.djl.ndarray.NDArrays.concat(values, 1), out)) {
            return new Traced(graph.node("Concat", names, OnnxGraph.integer("axis", 1)), out);
        }
        throw new UnsupportedBlockException("a parallel block joins its " + branches.size()
                + " branches in a way the ONNX export does not know (sum, sum + relu, concatenation on axis 1)");
    }

    private static boolean same(NDArray a, NDArray b) {
        return a.getShape().equals(b.getShape()) && a.allClose(b, 1e-6, 1e-6, false);
    }

    private static NDArray param(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new UnsupportedBlockException(block.getClass().getSimpleName() + " has no initialised parameter '"
                    + name + "'");
        }
        return p.getArray();
    }

    /** BatchNorm keeps its axis and epsilon private, with no getters. */
    private static Object field(Object owner, String name) {
        try {
            Field f = owner.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedBlockException("cannot read " + owner.getClass().getSimpleName() + "." + name
                    + " (" + e + ")");
        }
    }
}
