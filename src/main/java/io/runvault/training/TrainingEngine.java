package io.runvault.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PyTorch engine under DJL: offline configuration, device choice and thread counts.
 *
 * <p>Nothing is downloaded: {@code ai.djl.offline=true} is set unless already set, and the native
 * library comes from the {@code pytorch-native-*} jar on the class path, extracted once into
 * {@code DJL_CACHE_DIR} (the data directory's {@code djl} folder in the server). {@link #configure}
 * must run before the engine is first used for the cache directory and the interop thread count to
 * take effect.
 */
public final class TrainingEngine {

    /** DJL's name for the engine. */
    public static final String NAME = "PyTorch";

    private TrainingEngine() {}

    /**
     * Sets the system properties DJL reads when the engine loads.
     *
     * @param cacheDir where the natives are extracted (null: leave DJL's default or the variable)
     * @param threads intra-op threads (0: PyTorch's default, the number of cores)
     * @param interopThreads inter-op threads (0: PyTorch's default)
     */
    public static void configure(Path cacheDir, int threads, int interopThreads) {
        System.setProperty("ai.djl.offline", "true");
        if (cacheDir != null) {
            String dir = cacheDir.toAbsolutePath().toString();
            System.setProperty("DJL_CACHE_DIR", dir);
            System.setProperty("ENGINE_CACHE_DIR", dir);
        }
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (interopThreads > 0) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interopThreads));
        }
    }

    /** The loaded PyTorch engine (loading it on first use, offline). */
    public static Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(NAME);
    }

    /** Number of GPUs PyTorch sees. */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /**
     * The device for a spec's {@code device}: {@code cpu}; {@code gpu} (the first GPU; an
     * {@link IllegalStateException} when there is none); {@code auto} (the first GPU when there is
     * one, else the CPU).
     */
    public static Device device(DeviceChoice choice) {
        int gpus = gpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("device 'gpu' requested but PyTorch sees no GPU"
                            + " (is the server built with -Pcuda and a CUDA driver installed?)");
                }
                yield Device.gpu(0);
            }
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
        };
    }

    /** Sets PyTorch's intra-op thread count now (it applies process-wide). */
    public static void setThreads(int threads) {
        engine();
        JniUtils.setNumThreads(threads);
    }

    /** Current intra-op thread count. */
    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** Versions and resources, for a run's environment record. */
    public static Map<String, String> describe() {
        Engine e = engine();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("engine", e.getEngineName());
        m.put("engine_version", e.getVersion());
        m.put("djl_version", Engine.getDjlVersion());
        m.put("gpu_count", Integer.toString(e.getGpuCount()));
        m.put("intra_op_threads", Integer.toString(JniUtils.getNumThreads()));
        m.put("inter_op_threads", Integer.toString(JniUtils.getNumInteropThreads()));
        m.put("offline", System.getProperty("ai.djl.offline"));
        return m;
    }
}
