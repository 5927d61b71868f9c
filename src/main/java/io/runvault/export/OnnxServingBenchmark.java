package io.runvault.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model serves on this machine through ONNX Runtime (CPU): load time, latency at batch 1
 * (p50/p95/p99 over timed runs after a warm-up) and throughput at several batch sizes, with the
 * thread count stated, and the memory the session holds (the process's resident memory before the
 * session and its peak while it loads and runs, from /proc/self/status).
 */
public final class OnnxServingBenchmark {

    public static final List<Integer> BATCHES = List.of(1, 32, 256);
    private static final int WARMUP = 20;
    private static final int LATENCY_RUNS = 200;
    private static final long THROUGHPUT_NANOS = 1_000_000_000L;

    /** The two reports a bundle holds. */
    public record Result(Map<String, Object> benchmarks, Map<String, Object> resources) {
    }

    private OnnxServingBenchmark() {
    }

    /**
     * @param images row-major images of the model's shape {@code chw} (values as the model takes them)
     * @param count how many images {@code images} holds (reused round-robin for larger batches)
     * @param threads intra-op threads
     */
    public static Result run(byte[] model, float[] images, int count, int[] chw, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long rssBefore = status("VmRSS");
        long t0 = System.nanoTime();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options)) {
                double loadMillis = (System.nanoTime() - t0) / 1e6;
                String input = session.getInputNames().iterator().next();
                int per = chw[0] * chw[1] * chw[2];
                for (int i = 0; i < WARMUP; i++) {
                    infer(env, session, input, batch(images, count, per, i, 1), 1, chw);
                }
                long[] latencies = new long[LATENCY_RUNS];
                for (int i = 0; i < LATENCY_RUNS; i++) {
                    float[] one = batch(images, count, per, i, 1);
                    long start = System.nanoTime();
                    infer(env, session, input, one, 1, chw);
                    latencies[i] = System.nanoTime() - start;
                }
                Arrays.sort(latencies);
                Map<String, Object> latency = new LinkedHashMap<>();
                latency.put("batch", 1);
                latency.put("runs", LATENCY_RUNS);
                latency.put("p50_ms", percentile(latencies, 0.50));
                latency.put("p95_ms", percentile(latencies, 0.95));
                latency.put("p99_ms", percentile(latencies, 0.99));
                Map<String, Object> throughput = new LinkedHashMap<>();
                for (int b : BATCHES) {
                    float[] data = batch(images, count, per, 0, b);
                    infer(env, session, input, data, b, chw);
                    long started = System.nanoTime();
                    int runs = 0;
                    while (runs < 3 || System.nanoTime() - started < THROUGHPUT_NANOS) {
                        infer(env, session, input, data, b, chw);
                        runs++;
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    throughput.put("batch_" + b + "_images_per_second", Math.round(runs * (double) b / seconds * 10) / 10.0);
                }
                Map<String, Object> benchmarks = new LinkedHashMap<>();
                benchmarks.put("engine", "ONNX Runtime " + OnnxRuntimeSession.version() + " (CPU)");
                benchmarks.put("intra_op_threads", threads);
                benchmarks.put("machine_cores", Runtime.getRuntime().availableProcessors());
                benchmarks.put("os_arch", System.getProperty("os.arch"));
                benchmarks.put("latency", latency);
                benchmarks.put("throughput", throughput);
                Map<String, Object> resources = new LinkedHashMap<>();
                resources.put("model_bytes", model.length);
                resources.put("load_ms", Math.round(loadMillis * 100) / 100.0);
                long peak = status("VmHWM");
                long after = status("VmRSS");
                resources.put("process_rss_before_bytes", rssBefore);
                resources.put("process_rss_with_session_bytes", after);
                resources.put("session_rss_bytes", rssBefore < 0 || after < 0 ? null : Math.max(0, after - rssBefore));
                resources.put("process_peak_rss_bytes", peak);
                resources.put("measured_with", "/proc/self/status VmRSS and VmHWM of the appliance's process");
                return new Result(benchmarks, resources);
            }
        } catch (OrtException e) {
            throw new ModelMismatchException("ONNX Runtime could not run the model: " + e.getMessage(), e);
        }
    }

    private static void infer(OrtEnvironment env, OrtSession session, String input, float[] data, int n, int[] chw)
            throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[] {n, chw[0], chw[1], chw[2]});
             OrtSession.Result ignored = session.run(Map.of(input, tensor))) {
            // only the time matters
        }
    }

    /** {@code n} images starting at image {@code first}, taken round-robin from the {@code count} given. */
    private static float[] batch(float[] images, int count, int per, int first, int n) {
        float[] out = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images, ((first + i) % count) * per, out, i * per, per);
        }
        return out;
    }

    private static double percentile(long[] sorted, double p) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
        return Math.round(sorted[index] / 1e3) / 1e3;
    }

    /** A size line of /proc/self/status in bytes, or -1 where there is none. */
    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux
        }
        return -1;
    }
}
