package io.runvault.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.TensorInfo;
import io.runvault.datasets.LabelledImages;
import io.runvault.training.Trainer;
import io.runvault.training.TrainingProvenance;
import io.runvault.training.TrainingResult;
import io.runvault.training.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OnnxExportTest {

    static final TrainingProvenance.Appliance BUILD =
            new TrainingProvenance.Appliance("1.2.0", "abc123def", "false", "runvault:1.2.0+git:abc123d");

    static TrainingSpec spec(String architecture, int depth) {
        return TrainingSpec.builder().architecture(architecture).depth(depth).epochs(2).batchSize(16)
                .learningRate(1e-2).seed(5).device("cpu").threads(1).build();
    }

    /** Random weights (and batch-norm statistics): the whole validation set agrees with DJL. */
    @ParameterizedTest
    @CsvSource({"mlp, 8, 1, 12", "minicnn, 8, 1, 12", "resnet, 8, 1, 12", "resnet, 14, 3, 16", "resnet, 18, 1, 36"})
    void randomWeightsExportWithParity(String architecture, int depth, int channels, int size) throws Exception {
        TrainingSpec spec = spec(architecture, depth);
        int k = 4;
        LabelledImages val = ExportFixtures.images(architecture.equals("resnet") && depth == 18 ? 16 : 64,
                channels, size, size, k, 11);
        byte[] params = ExportFixtures.randomParameters(spec, channels, size, size, k, 3);
        Map<String, String> meta = OnnxExport.metadata(spec, val, val.classNames(), BUILD,
                Map.of(OnnxExport.RUN_ID, "test"));
        byte[] model = OnnxExporter.export(spec, params, new Shape(channels, size, size), k, meta);

        ParityReport parity = ParityCheck.run(spec, params, model, val, ParityThresholds.DEFAULT);
        assertTrue(parity.maxAbsDiff() <= 1e-4, "max abs diff " + parity.maxAbsDiff());
        assertTrue(parity.argmaxAgreement() >= 0.999, "argmax agreement " + parity.argmaxAgreement());
        assertTrue(parity.passed());
        assertEquals(val.size(), parity.samples());
        assertEquals(17, parity.onnxOpset());

        assertWellFormed(model, channels, size, k);
        assertBatchSizes(model, val, k);

        Map<String, Long> ops = ModelProto.parseFrom(model).getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(n -> n.getOpType(), java.util.TreeMap::new, Collectors.counting()));
        System.out.println(architecture + depth + " " + channels + "x" + size + "x" + size + ": " + ops + "; " + parity);
        switch (architecture) {
            case "mlp" -> assertEquals(Map.of("Flatten", 1L, "Gemm", 3L, "Relu", 2L, "Softmax", 1L), ops);
            case "minicnn" -> assertEquals(Map.of("Conv", 3L, "BatchNormalization", 3L, "Relu", 4L, "MaxPool", 3L,
                    "Flatten", 1L, "Gemm", 2L, "Softmax", 1L), ops);
            default -> {
                assertTrue(ops.get("Sum") >= 3, "residual additions: " + ops);
                assertEquals(1L, ops.get("GlobalAveragePool"), ops.toString());
                assertEquals(size > 28 ? 1L : null, ops.get("MaxPool"), "the ImageNet stem pools: " + ops);
            }
        }
    }

    /** A couple of real training steps (batch-norm statistics move), exported through the entry point. */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "minicnn", "resnet"})
    void trainedModelsWriteTheExportSuite(String architecture, @TempDir Path runDir) throws Exception {
        LabelledImages train = ExportFixtures.images(48, 1, 12, 12, 3, 21);
        LabelledImages val = ExportFixtures.images(24, 1, 12, 12, 3, 22);
        TrainingSpec spec = spec(architecture, 8).toBuilder().epochs(1).build();
        TrainingResult result = new Trainer().train(spec, train, val, null);

        ParityReport parity = OnnxExport.writeExports(runDir, spec, result.bestParameters(), val, result.classNames(),
                BUILD, Map.of(OnnxExport.JOB_ID, "job-1"));

        assertTrue(parity.passed(), parity.toString());
        byte[] model = Files.readAllBytes(runDir.resolve(OnnxExport.MODEL_PATH));
        assertWellFormed(model, 1, 12, 3);
        ParityReport stored = ParityReport.fromJson(Files.readAllBytes(runDir.resolve(OnnxExport.PARITY_PATH)));
        assertEquals(parity, stored);
        String json = Files.readString(runDir.resolve(OnnxExport.PARITY_PATH));
        for (String key : List.of("max_abs_diff", "mean_abs_diff", "argmax_agreement", "samples", "thresholds",
                "passed", "onnx_opset", "ort_version")) {
            assertTrue(json.contains("\"" + key + "\""), key + " in " + json);
        }
        Map<String, String> props = ModelProto.parseFrom(model).getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals("job-1", props.get(OnnxExport.JOB_ID));
        assertEquals("1.2.0", props.get(OnnxExport.APPLIANCE_VERSION), "the exporting build's version");
        assertEquals("1.2.0", ModelProto.parseFrom(model).getProducerVersion());
        assertEquals("[\"class-0\",\"class-1\",\"class-2\"]", props.get(OnnxExport.CLASS_NAMES));
    }

    /** Parsed back with the protobuf classes: opset, named input with a dynamic batch axis, softmax output, metadata. */
    static void assertWellFormed(byte[] bytes, int channels, int size, int k) throws Exception {
        ModelProto model = ModelProto.parseFrom(bytes);
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(1, model.getGraph().getInputCount());
        ValueInfoProto input = model.getGraph().getInput(0);
        assertEquals("input", input.getName());
        List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        assertEquals("N", dims.get(0).getDimParam());
        assertEquals(List.of((long) channels, (long) size, (long) size),
                dims.subList(1, 4).stream().map(TensorShapeProto.Dimension::getDimValue).toList());
        assertEquals("probabilities", model.getGraph().getOutput(0).getName());
        assertEquals("Softmax", model.getGraph().getNode(model.getGraph().getNodeCount() - 1).getOpType());
        Map<String, String> props = model.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertTrue(props.keySet().containsAll(List.of("architecture", "class_names", "input_normalisation",
                "appliance_version")), props.keySet().toString());
        assertTrue(props.get("input_normalisation").contains("pixel / 255"));

        // ONNX Runtime checks the graph when it loads it and reports the same interface.
        try (OnnxRuntimeSession ort = new OnnxRuntimeSession(bytes, 1)) {
            TensorInfo in = (TensorInfo) ort.session().getInputInfo().get("input").getInfo();
            assertArrayEquals(new long[] {-1, channels, size, size}, in.getShape());
            OnnxModelMetadata meta = ort.session().getMetadata();
            assertEquals(props, meta.getCustomMetadata());
            assertEquals("runvault", meta.getProducerName());
        }
    }

    /** The batch axis is dynamic: one image and seven images both run, each row a distribution. */
    static void assertBatchSizes(byte[] model, LabelledImages images, int k) throws Exception {
        try (OnnxRuntimeSession ort = new OnnxRuntimeSession(model, 1)) {
            for (int batch : new int[] {1, 7}) {
                float[] p = ort.probabilities(images.copyOfPixels(), 0, batch);
                assertEquals(batch * k, p.length);
                for (int i = 0; i < batch; i++) {
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += p[i * k + c];
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void parityOutsideTheThresholdsFails() {
        ParityThresholds t = ParityThresholds.DEFAULT;
        assertTrue(t.met(1e-5, 1.0, 10));
        assertTrue(!t.met(2e-4, 1.0, 10));
        assertTrue(!t.met(1e-5, 0.99, 10));
        assertTrue(!t.met(0, 1, 0));
    }
}
