package io.runvault.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.runvault.training.TrainingEngine;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Blocks beyond the three architectures: other poolings, activations, joins; and a refusal. */
class BlockConverterTest {

    private static final Shape IMAGE = new Shape(2, 9, 9);

    @Test
    void poolingsActivationsAndConcatenationKeepParity() throws Exception {
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                .add(Activation.sigmoidBlock())
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false))
                .add(new ParallelBlock(list -> new NDList(ai.djl.ndarray.NDArrays.concat(
                        new NDList(list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()), 1)),
                        List.of(Blocks.identityBlock(), new SequentialBlock().add(Activation.tanhBlock()))))
                .add(Pool.globalMaxPool2dBlock())
                .add(Linear.builder().setUnits(3).build());
        byte[] model = exportAndCompare(net, 3);
        List<String> ops = ModelProto.parseFrom(model).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Conv", "Sigmoid", "AveragePool", "Tanh", "Concat", "GlobalMaxPool", "Flatten", "Gemm",
                "Softmax"), ops);
        // 7x7 pooled by 2x2/2 is 4x4 only when rounding up: the ceiling mode was recognised.
        NodeProto avg = ModelProto.parseFrom(model).getGraph().getNode(2);
        assertEquals(List.of(1L), avg.getAttributeList().stream().filter(a -> a.getName().equals("ceil_mode"))
                .map(a -> a.getI()).toList());
    }

    @Test
    void anUnknownLambdaIsRefusedNotGuessed() {
        SequentialBlock net = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(x -> new NDList(x.singletonOrThrow().mul(2)))
                .add(Linear.builder().setUnits(3).build());
        UnsupportedBlockException e = assertThrows(UnsupportedBlockException.class, () -> exportAndCompare(net, 3));
        assertTrue(e.getMessage().contains("computes none of the operations"), e.getMessage());
    }

    /** Exports {@code net} on random weights and checks ONNX Runtime against DJL on a few images. */
    private static byte[] exportAndCompare(Block net, int classes) throws Exception {
        TrainingEngine.engine();
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TrainingEngine.NAME)) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(IMAGE));
            byte[] model = OnnxExporter.export(net, manager, IMAGE, classes, "test", Map.of());
            int n = 5;
            float[] pixels = new float[(int) (n * IMAGE.size())];
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            NDArray x = manager.create(pixels, new Shape(n).addAll(IMAGE));
            float[] want = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().softmax(1).toFloatArray();
            try (OnnxRuntimeSession ort = new OnnxRuntimeSession(model, 1)) {
                float[] got = ort.probabilities(pixels, 0, n);
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, "probability " + i);
                }
            }
            return model;
        }
    }
}
