package io.runvault.export;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.runvault.training.Architectures;
import io.runvault.training.TrainingEngine;
import io.runvault.training.TrainingSpec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a trained network as an ONNX model: the spec's block is rebuilt, loaded with the saved
 * parameters and translated by {@link BlockConverter}; a softmax turns the logits into the
 * {@code probabilities} output. The input is {@code input}, float32 N x C x H x W with a dynamic
 * batch axis {@code N}; the metadata says how to prepare pixels and what the classes are.
 */
public final class OnnxExporter {

    /** The operator set the graph is written for (ONNX 1.12). */
    public static final int OPSET = 17;
    /** IR version 8 is the one opset 17 was released with. */
    static final long IR_VERSION = 8;
    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";
    public static final String BATCH_AXIS = "N";

    private OnnxExporter() {}

    /**
     * The ONNX model bytes.
     *
     * @param spec the spec the parameters were trained with
     * @param parameters DJL's parameter encoding (a run's {@code checkpoints/best*.params})
     * @param shape the image shape, C x H x W
     * @param metadata metadata_props, written in key order given
     * @throws UnsupportedBlockException when the network holds a block the export cannot write
     * @throws IllegalArgumentException when the parameters do not fit the network
     */
    public static byte[] export(TrainingSpec spec, byte[] parameters, Shape shape, int classes,
                                Map<String, String> metadata) {
        TrainingEngine.engine();
        Block block = Architectures.build(spec, (int) shape.get(0), (int) shape.get(1), (int) shape.get(2), classes);
        block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), TrainingEngine.NAME)) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(shape));
            load(block, manager, parameters);
            return export(block, manager, shape, classes, "runvault-" + spec.architecture().externalName(), metadata);
        }
    }

    /** The ONNX model of an initialised block whose output is batch x {@code classes} logits. */
    static byte[] export(Block block, NDManager manager, Shape shape, int classes, String name,
                         Map<String, String> metadata) {
        OnnxGraph graph = new OnnxGraph();
        Shape batchOfTwo = new Shape(2).addAll(shape);
        NDArray probe = manager.create(probe(batchOfTwo.size()), batchOfTwo);
        BlockConverter.Traced logits = new BlockConverter(graph, new ParameterStore(manager, false))
                .convert(block, new BlockConverter.Traced(INPUT, probe));
        if (!logits.value().getShape().equals(new Shape(2, classes))) {
            throw new UnsupportedBlockException("the network's output is " + logits.value().getShape()
                    + " for a batch of 2, not 2 x " + classes + " logits");
        }
        graph.node("Softmax", "softmax", OUTPUT, new String[] {logits.name()}, OnnxGraph.integer("axis", 1));
        graph.builder()
                .setName(name)
                .addInput(tensor(INPUT, shape.getShape()))
                .addOutput(tensor(OUTPUT, classes));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("runvault")
                .setProducerVersion(metadata.getOrDefault(OnnxExport.APPLIANCE_VERSION, "unknown"))
                .setDocString(name + ": softmax probabilities over " + classes + " classes")
                .setGraph(graph.builder());
        metadata.forEach((key, value) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build().toByteArray();
    }

    /** float32 [N, dims...] with the batch axis named, not fixed. */
    private static ValueInfoProto tensor(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH_AXIS));
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
    }

    /** Probe pixels from a fixed Java generator: PyTorch's process-wide one belongs to training. */
    private static float[] probe(long n) {
        SplittableRandom random = new SplittableRandom(0x0AA7L);
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    static void load(Block block, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("the parameters do not fit the " + block.getClass().getSimpleName()
                    + " network: " + e.getMessage(), e);
        }
    }
}
