package io.runvault.ops;

import ai.djl.engine.Engine;
import io.runvault.export.OnnxRuntimeSession;
import io.runvault.training.TrainingEngine;

/**
 * Whether the native runtimes load in this server: DJL's PyTorch engine (its version and the GPUs it
 * sees) and ONNX Runtime. Loading is what is checked, so the first call loads both if no job has yet.
 */
public record NativeEngines(String engine, String engineVersion, Integer gpuCount, String engineError,
        String onnxRuntimeVersion, String onnxRuntimeError) {

    public static NativeEngines probe() {
        String version = null;
        Integer gpus = null;
        String engineError = null;
        try {
            Engine engine = TrainingEngine.engine();
            version = engine.getVersion();
            gpus = engine.getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            engineError = describe(e);
        }
        String onnx = null;
        String onnxError = null;
        try {
            onnx = OnnxRuntimeSession.version();
        } catch (RuntimeException | LinkageError e) {
            onnxError = describe(e);
        }
        return new NativeEngines(TrainingEngine.NAME, version, gpus, engineError, onnx, onnxError);
    }

    private static String describe(Throwable e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return e.getCause() == null ? message : message + " (" + describe(e.getCause()) + ")";
    }
}
