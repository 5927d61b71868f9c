package io.runvault.jobs.bundle;

import io.runvault.datasets.LabelledImages;
import io.runvault.export.Normalization;
import io.runvault.export.OnnxClassifier;
import io.runvault.models.VersionView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle's {@code deployment/} folder: what someone serving the model elsewhere needs, namely its
 * input and output signature, how pixels are prepared, the class names, and an example request and
 * response (the appliance's own predict endpoint's shapes, computed on a real validation image).
 */
final class BundleDeployment {

    private BundleDeployment() {
    }

    static void write(Path dir, VersionView version, OnnxClassifier model, LabelledImages images) throws IOException {
        int[] chw = model.imageShape();
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("file", "model/model.optimized.onnx (or model/model.onnx)");
        signature.put("input", Map.of("name", model.inputName(), "dtype", "float32", "shape",
                List.of("N", chw[0], chw[1], chw[2]), "layout", "NCHW"));
        signature.put("output", Map.of("name", model.outputName(), "dtype", "float32", "shape",
                List.of("N", model.classNames().size()), "meaning", "one score per class; apply a softmax when they "
                        + "do not already sum to 1"));
        BundleJobRunner.writeJson(dir, "deployment/signature.json", signature);

        Normalization n = model.normalization();
        Map<String, Object> preprocessing = new LinkedHashMap<>();
        preprocessing.put("pixels", "8-bit values (0-255), channels first; grey images have 1 channel, RGB 3");
        preprocessing.put("formula", "input = (pixel * scale - mean[c]) / std[c]");
        preprocessing.put("scale", n.scale());
        preprocessing.put("mean", n.mean());
        preprocessing.put("std", n.std());
        preprocessing.put("height", chw[1]);
        preprocessing.put("width", chw[2]);
        BundleJobRunner.writeJson(dir, "deployment/preprocessing.json", preprocessing);
        BundleJobRunner.writeJson(dir, "deployment/classes.json", model.classNames());

        // One validation image as the appliance's predict endpoint takes it, and what this model answers.
        float[] pixels = images.pixels(0, 1);
        List<Integer> values = new ArrayList<>(pixels.length);
        for (float p : pixels) {
            values.add(Math.round(p * 255));
        }
        BundleJobRunner.writeJson(dir, "deployment/example_request.json", Map.of("pixels", List.of(values)));
        float[][] rows = model.classify(pixels, new int[] {1, chw[0], chw[1], chw[2]});
        int top = OnnxClassifier.top(rows[0]);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("model", version.model());
        response.put("version", version.version());
        response.put("classes", model.classNames());
        response.put("predictions", List.of(Map.of("label", model.classNames().get(top), "index", top,
                "probabilities", rows[0])));
        BundleJobRunner.writeJson(dir, "deployment/example_response.json", response);

        String readme = "# Serving " + version.model() + " version " + version.version() + "\n\n"
                + "- `model/model.optimized.onnx`: ONNX Runtime's graph-optimised model (checked against `model/model.onnx` "
                + "in `model/optimization_parity.json`); either runs in any ONNX runtime.\n"
                + "- Input `" + model.inputName() + "`: float32 [N, " + chw[0] + ", " + chw[1] + ", " + chw[2]
                + "], prepared as `preprocessing.json` says; output `" + model.outputName() + "`: [N, "
                + model.classNames().size() + "] scores in the order of `classes.json`.\n"
                + "- On the appliance: `POST /api/v1/models/" + version.model() + "/predict` with `example_request.json` "
                + "as the body answers `example_response.json` while this version is in production.\n\n"
                + "```python\nimport json, numpy as np, onnxruntime as ort\n"
                + "p = json.load(open('deployment/preprocessing.json'))\n"
                + "x = np.array(json.load(open('deployment/example_request.json'))['pixels'], dtype=np.float32)"
                + ".reshape(1, " + chw[0] + ", " + chw[1] + ", " + chw[2] + ")\n"
                + "x = (x * p['scale'] - np.array(p['mean'], np.float32).reshape(-1, 1, 1)) / np.array(p['std'], np.float32).reshape(-1, 1, 1)\n"
                + "s = ort.InferenceSession('model/model.optimized.onnx')\n"
                + "print(s.run(None, {'" + model.inputName() + "': x})[0])\n```\n";
        BundleJobRunner.write(dir, "deployment/README.md", readme.getBytes(StandardCharsets.UTF_8));
    }
}
