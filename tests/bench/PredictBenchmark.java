import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Serving benchmark: batch-1 predictions from C concurrent clients, first through the appliance's
 * {@code POST /api/v1/models/{name}/predict} (a PNG body per request, HTTP/1.1 keep-alive, an API
 * token), then with ONNX Runtime called directly in this JVM on the same model file, the same
 * images (already decoded and scaled) and the same number of threads. Prints requests per second,
 * p50/p99 latency and the ratio, which is what HTTP, authentication, PNG decoding and the model
 * lookup cost. Started by tests/bench/predict.sh.
 *
 * <pre>java -cp onnxruntime.jar tests/bench/PredictBenchmark.java BASE TOKEN MODEL_NAME MODEL.onnx [clients=8] [requests=4000]</pre>
 */
public class PredictBenchmark {

    record Figures(double seconds, long[] latenciesNanos) {
        double perSecond() {
            return latenciesNanos.length / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    interface Call {
        void run(int request) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String token = args[1];
        String model = args[2];
        byte[] onnx = Files.readAllBytes(Path.of(args[3]));
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int requests = args.length > 5 ? Integer.parseInt(args[5]) : 4000;

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        String input = session.getInputNames().iterator().next();
        long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
        int channels = (int) shape[1];
        int height = (int) shape[2];
        int width = (int) shape[3];
        if (channels != 1) {
            throw new IllegalArgumentException("this benchmark sends grey images; the model takes " + channels + " channels");
        }
        // 64 distinct seeded images, as PNG files for HTTP and as values / 255 for ONNX Runtime.
        int distinct = 64;
        byte[][] pngs = new byte[distinct][];
        float[][] pixels = new float[distinct][height * width];
        Random random = new Random(7);
        for (int i = 0; i < distinct; i++) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < height * width; p++) {
                int v = random.nextInt(256);
                image.getRaster().setSample(p % width, p / width, 0, v);
                pixels[i][p] = v / 255f;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            pngs[i] = out.toByteArray();
        }

        URI predict = URI.create(base + "/api/v1/models/" + model + "/predict");
        ThreadLocal<HttpClient> clientOf = ThreadLocal.withInitial(
                () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        Call http = request -> {
            HttpResponse<String> response = clientOf.get().send(HttpRequest.newBuilder(predict)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pngs[request % distinct])).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("predict answered " + response.statusCode() + ": " + response.body());
            }
        };
        Call direct = request -> {
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels[request % distinct]),
                    new long[] {1, channels, height, width});
                 OrtSession.Result result = session.run(Map.of(input, tensor))) {
                float[][] scores = (float[][]) result.get(0).getValue();
                if (scores.length != 1) {
                    throw new IllegalStateException("one row expected");
                }
            }
        };
        System.out.printf(Locale.ROOT, "   model %s (%d bytes, input %dx%dx%d), %d clients, %d requests each way, %d cores%n",
                model, onnx.length, channels, height, width, clients, requests, Runtime.getRuntime().availableProcessors());
        measure(http, clients, Math.max(clients * 10, requests / 10)); // warm-up: session load, JIT, connections
        measure(direct, clients, Math.max(clients * 10, requests / 10));
        Figures viaHttp = measure(http, clients, requests);
        Figures inProcess = measure(direct, clients, requests);
        System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s%n", "batch 1, " + clients + " concurrent clients", "req/s", "p50 ms", "p99 ms");
        print("POST .../predict (PNG, HTTP)", viaHttp);
        print("ONNX Runtime in-process", inProcess);
        System.out.printf(Locale.ROOT, "throughput ratio (HTTP / in-process): %.2f; p99 ratio: %.1fx%n",
                viaHttp.perSecond() / inProcess.perSecond(), viaHttp.percentileMillis(0.99) / inProcess.percentileMillis(0.99));
        session.close();
    }

    static void print(String name, Figures f) {
        System.out.printf(Locale.ROOT, "%-34s %10.0f %10.2f %10.2f%n", name, f.perSecond(), f.percentileMillis(0.5),
                f.percentileMillis(0.99));
    }

    static Figures measure(Call call, int clients, int requests) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.run(i);
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            });
        }
        long start = System.nanoTime();
        for (Future<Void> done : pool.invokeAll(workers)) {
            done.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Figures(seconds, latencies);
    }
}
