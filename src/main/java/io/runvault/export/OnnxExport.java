package io.runvault.export;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.runvault.datasets.LabelledImages;
import io.runvault.json.Json;
import io.runvault.training.Architecture;
import io.runvault.training.TrainingProvenance;
import io.runvault.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export suite of a run: {@code exports/model.onnx} and {@code exports/parity.json}, the
 * latter measured on the run's validation images. The one entry point for whoever assembles a run.
 */
public final class OnnxExport {

    public static final String MODEL_PATH = "exports/model.onnx";
    public static final String PARITY_PATH = "exports/parity.json";

    /** metadata_props keys. */
    public static final String ARCHITECTURE = "architecture";
    public static final String CLASS_NAMES = "class_names";
    public static final String INPUT_NORMALISATION = "input_normalisation";
    public static final String APPLIANCE_VERSION = "appliance_version";
    /** The committed run whose parameters these are (maintenance exports of existing runs). */
    public static final String RUN_ID = "run_id";
    /** The training job that made the parameters (exports written while the run is assembled). */
    public static final String JOB_ID = "job_id";

    private OnnxExport() {}

    /**
     * Writes {@code exports/model.onnx} and {@code exports/parity.json} under {@code runDir} and
     * returns the parity record. A parity that misses the thresholds is recorded, not thrown: the
     * {@code onnx-parity} promotion gate decides what it means.
     *
     * @param spec the spec the parameters were trained with
     * @param bestParameters DJL's parameter encoding of the model to export
     * @param validation the run's validation images (the parity set)
     * @param classNames class names by label
     * @param appliance the appliance build that writes the export (its version is the model's producer version)
     * @param metadata extra metadata_props ({@link #JOB_ID}, {@link #RUN_ID}); they win over the standard ones
     * @throws UnsupportedBlockException when the network cannot be written as ONNX
     */
    public static ParityReport writeExports(Path runDir, TrainingSpec spec, byte[] bestParameters,
                                            LabelledImages validation, List<String> classNames,
                                            TrainingProvenance.Appliance appliance,
                                            Map<String, String> metadata) throws IOException {
        Map<String, String> props = metadata(spec, validation, classNames, appliance, metadata);
        byte[] model = OnnxExporter.export(spec, bestParameters,
                new Shape(validation.channels(), validation.height(), validation.width()), classNames.size(), props);
        ParityReport parity = ParityCheck.run(spec, bestParameters, model, validation, ParityThresholds.DEFAULT);
        Path exports = runDir.resolve("exports");
        Files.createDirectories(exports);
        Files.write(runDir.resolve(MODEL_PATH), model);
        Files.write(runDir.resolve(PARITY_PATH), parity.toJson());
        return parity;
    }

    /** The standard metadata_props, then {@code extra}. */
    static Map<String, String> metadata(TrainingSpec spec, LabelledImages images, List<String> classNames,
                                        TrainingProvenance.Appliance appliance, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(ARCHITECTURE, spec.architecture() == Architecture.RESNET ? "resnet" + spec.depth()
                : spec.architecture().externalName());
        props.put(CLASS_NAMES, json(classNames));
        props.put(INPUT_NORMALISATION, json(normalisation(images)));
        props.put(APPLIANCE_VERSION, appliance.version());
        props.putAll(extra);
        return props;
    }

    /** How training prepared pixels (datasets.IdxReader): 8-bit values divided by 255, nothing else. */
    static Map<String, Object> normalisation(LabelledImages images) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("layout", "NCHW");
        n.put("dtype", "float32");
        n.put("shape", List.of(images.channels(), images.height(), images.width()));
        n.put("scale", "pixel / 255");
        n.put("range", List.of(0, 1));
        n.put("mean", 0);
        n.put("std", 1);
        return n;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
