// Runvault MLflow-search benchmark: logs runs through MLflow's REST API (each ended run is committed
// as a Runvault run), then measures MLflow's runs/search next to the native run search answering the
// same question over the same runs.
//
//   java tests/bench/MlflowSearchBenchmark.java BASEURL PASSWORD [RUNS]
//
// RUNS (default 100000) are spread over 10 experiments; each has 3 metrics, 2 params and a tag. JDK 17
// only. Environment: BENCH_THREADS (logging threads, default 4), BENCH_SAMPLES (measured requests per
// query kind, default 200), BENCH_WARMUP (default 20). Requests carry an API token made at the start.
//
// Machine-readable lines for tests/bench/run.sh:
//   RESULT mlflow-log <runs/s> <runs> <seconds>
//   RESULT mlflow-query <kind> <p50 ms> <p99 ms> <max ms> <samples>
//   RESULT native-query <kind> <p50 ms> <p99 ms> <max ms> <samples>

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class MlflowSearchBenchmark {

    static final int EXPERIMENTS = 10;
    static final String[] LEARNING_RATES = {"0.1", "0.01", "0.001", "0.0001"};
    static final Pattern RUNVAULT_ID = Pattern.compile("\"key\":\"runvault.run_id\",\"value\":\"(blake2b:[0-9a-f]{64})\"");
    static final Pattern NATIVE_ID = Pattern.compile("\"id\":\"(blake2b:[0-9a-f]{64})\"");

    final String base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** A bearer token, as a pipeline logging with MLFLOW_TRACKING_TOKEN sends (a password is hashed on every request). */
    String auth;

    MlflowSearchBenchmark(String base, String password) {
        this.base = base.replaceAll("/+$", "");
        this.auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        String issued = send(HttpRequest.newBuilder(URI.create(this.base + "/api/v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mlflow-benchmark\"}")));
        this.auth = "Bearer " + field(issued, "token");
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        new MlflowSearchBenchmark(args[0], args[1]).run(runs);
    }

    void run(int runs) throws Exception {
        String prefix = "mlflow-bench-" + System.currentTimeMillis();
        String[] experiments = new String[EXPERIMENTS];
        for (int i = 0; i < EXPERIMENTS; i++) {
            experiments[i] = field(post("experiments/create", "{\"name\":\"" + prefix + "-" + i + "\"}"), "experiment_id");
        }
        int threads = Integer.parseInt(System.getenv().getOrDefault("BENCH_THREADS", "4"));
        System.out.printf(Locale.ROOT, "logging %d runs through the MLflow API (%d threads) ...%n", runs, threads);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                    logRun(experiments[i % EXPERIMENTS], i);
                    if ((i + 1) % 10_000 == 0) {
                        System.out.printf(Locale.ROOT, "   %d runs (%.0f s)%n", i + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT mlflow-log %.1f %d %.1f%n", runs / seconds, runs, seconds);

        String all = Arrays.stream(experiments).map(id -> "\"" + id + "\"").reduce((a, b) -> a + "," + b).orElseThrow();
        String filtered = "{\"experiment_ids\":[" + all + "],\"filter\":\"metrics.mlf_accuracy > 0.9 and params.mlf_lr = '0.01'\","
                + "\"order_by\":[\"metrics.mlf_auc DESC\"],\"max_results\":50}";
        String nativeFiltered = "metric=" + encode("mlf_accuracy>0.9") + "&param=" + encode("mlf_lr=0.01")
                + "&sort=" + encode("metric:mlf_auc") + "&order=desc&limit=50";
        String newest = "{\"experiment_ids\":[\"" + experiments[3] + "\"],\"max_results\":50}";
        String nativeNewest = "experiment=" + encode(prefix + "-3") + "&limit=50";

        // The same question must get the same runs from both APIs before it is timed.
        check("filter + sort", ids(RUNVAULT_ID, post("runs/search", filtered)), ids(NATIVE_ID, get("/api/v1/runs?" + nativeFiltered)));
        check("newest of one experiment", ids(RUNVAULT_ID, post("runs/search", newest)), ids(NATIVE_ID, get("/api/v1/runs?" + nativeNewest)));

        measure("mlflow-query", "metric filter + param + metric sort, 50", i -> post("runs/search", filtered));
        measure("native-query", "metric filter + param + metric sort, 50", i -> get("/api/v1/runs?" + nativeFiltered));
        measure("mlflow-query", "newest 50 of one experiment", i -> post("runs/search", newest));
        measure("native-query", "newest 50 of one experiment", i -> get("/api/v1/runs?" + nativeNewest));
    }

    void logRun(String experiment, int i) {
        SplittableRandom random = new SplittableRandom(i);
        long start = 1_767_225_600_000L + i * 1000L;
        String runId = field(post("runs/create", "{\"experiment_id\":\"" + experiment + "\",\"start_time\":\"" + start
                + "\",\"run_name\":\"run-" + i + "\"}"), "run_id");
        String metrics = String.format(Locale.ROOT, "{\"key\":\"mlf_accuracy\",\"value\":%.6f,\"timestamp\":%d,\"step\":0},"
                        + "{\"key\":\"mlf_auc\",\"value\":%.6f,\"timestamp\":%d,\"step\":0},"
                        + "{\"key\":\"mlf_loss\",\"value\":%.6f,\"timestamp\":%d,\"step\":0}",
                random.nextDouble(), start, random.nextDouble(), start, random.nextDouble() * 3, start);
        post("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[" + metrics + "],\"params\":["
                + "{\"key\":\"mlf_lr\",\"value\":\"" + LEARNING_RATES[random.nextInt(4)] + "\"},"
                + "{\"key\":\"mlf_batch\",\"value\":\"" + (32 << random.nextInt(4)) + "\"}],"
                + "\"tags\":[{\"key\":\"team\",\"value\":\"team-" + (i % 7) + "\"}]}");
        post("runs/update", "{\"run_id\":\"" + runId + "\",\"status\":\"FINISHED\",\"end_time\":\"" + (start + 500) + "\"}");
    }

    void measure(String api, String kind, IntFunction<String> request) {
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "20"));
        int samples = Integer.parseInt(System.getenv().getOrDefault("BENCH_SAMPLES", "200"));
        for (int i = 0; i < warmup; i++) {
            request.apply(i);
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            request.apply(i);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        double p50 = millis[samples / 2];
        double p99 = millis[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)];
        System.out.printf(Locale.ROOT, "%-13s %-46s p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  (%d requests)%n",
                api, kind, p50, p99, millis[samples - 1], samples);
        System.out.printf(Locale.ROOT, "RESULT %s %s %.2f %.2f %.2f %d%n", api, kind.replace(' ', '_'), p50, p99,
                millis[samples - 1], samples);
    }

    static void check(String kind, List<String> mlflow, List<String> nativeIds) {
        if (mlflow.isEmpty() || !mlflow.equals(nativeIds)) {
            throw new IllegalStateException(kind + ": MLflow search answered " + mlflow + ", the native search " + nativeIds);
        }
        System.out.printf(Locale.ROOT, "%s: both APIs answer the same %d runs%n", kind, mlflow.size());
    }

    static List<String> ids(Pattern pattern, String body) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = pattern.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    String post(String endpoint, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
