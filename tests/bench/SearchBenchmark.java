// Runvault run-search benchmark: seeds runs through the public API, then measures search latency.
//
//   java tests/bench/SearchBenchmark.java BASEURL PASSWORD [RUNS]
//
// BASEURL is the appliance root (e.g. http://127.0.0.1:9080), PASSWORD the admin password, RUNS the
// number of runs to commit (default 100000; 10 metrics each). JDK 17 only: no dependencies.
// Optional environment: BENCH_THREADS (commit threads, default 4), BENCH_SAMPLES (measured requests
// per query kind, default 200), BENCH_WARMUP (warm-up requests per kind, default 20),
// BENCH_WARMUP_BUDGET_S (default 30) and BENCH_KIND_BUDGET_S (default 120): time budgets per query kind
// for warm-up and measuring; a kind slower than that stops early (with at least 10 samples), and the
// sample count reported with it shows that.
//
// Besides readable text it prints machine-readable lines for tests/bench/run.sh:
//   RESULT commit <runs/s> <committed> <seconds>
//   RESULT query <kind> <p50 ms> <p99 ms> <max ms> <mean ms> <samples> <check failures>

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class SearchBenchmark {

    static final int EXPERIMENTS = 20;
    static final String[] DATASETS = {"cifar10", "cifar100", "imagenet-1k", "svhn", "food101"};
    static final String[] ARCHITECTURES = {"resnet50", "vit-b16", "convnext-t"};
    static final String[] LEARNING_RATES = {"0.1", "0.03", "0.01", "0.003", "0.001", "0.0003"};
    static final int[] BATCH_SIZES = {32, 64, 128, 256};
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    final String base;
    final String auth;
    final HttpClient http;
    String sharedDigest;
    long sharedSize;

    SearchBenchmark(String base, String password) {
        this.base = base.replaceAll("/+$", "");
        this.auth = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java SearchBenchmark.java BASEURL PASSWORD [RUNS]");
            System.exit(2);
        }
        int runs = args.length == 3 ? Integer.parseInt(args[2]) : 100_000;
        int threads = intEnv("BENCH_THREADS", 4);
        int samples = intEnv("BENCH_SAMPLES", 200);
        int warmup = intEnv("BENCH_WARMUP", 20);
        SearchBenchmark bench = new SearchBenchmark(args[0], args[1]);
        bench.uploadSharedBlob();
        bench.seed(runs, threads);
        bench.measureQueries(samples, warmup);
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    // ---------------------------------------------------------------- seeding

    void uploadSharedBlob() throws IOException, InterruptedException {
        byte[] bytes = "epoch 1 loss 0.693\nepoch 2 loss 0.412\nrunvault search benchmark shared log\n"
                .getBytes(StandardCharsets.UTF_8);
        sharedDigest = "blake2b:" + Blake2b256.hex(bytes);
        sharedSize = bytes.length;
        HttpResponse<String> response = http.send(request("/api/v1/blobs/" + sharedDigest)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("blob upload: HTTP " + response.statusCode() + " " + response.body());
        }
        System.out.printf(Locale.ROOT, "shared blob %s (%d bytes): HTTP %d%n", sharedDigest, sharedSize,
                response.statusCode());
    }

    String manifest(int i) {
        SplittableRandom rnd = new SplittableRandom(0x5EEDL * 1_000_003L + i);
        String experiment = String.format(Locale.ROOT, "bench-exp-%02d", i % EXPERIMENTS);
        String createdAt = EPOCH.plusSeconds(10L * i).toString();
        String architecture = ARCHITECTURES[rnd.nextInt(ARCHITECTURES.length)];
        String lr = LEARNING_RATES[rnd.nextInt(LEARNING_RATES.length)];
        int batch = BATCH_SIZES[rnd.nextInt(BATCH_SIZES.length)];
        boolean amp = rnd.nextBoolean();
        String dataset = DATASETS[rnd.nextInt(DATASETS.length)];
        double valAccuracy = 0.5 + 0.5 * rnd.nextDouble();
        double valAuc = 0.6 + 0.4 * rnd.nextDouble();
        double trainAccuracy = Math.min(1.0, valAccuracy + 0.05 * rnd.nextDouble());
        double precision = 0.5 + 0.5 * rnd.nextDouble();
        double recall = 0.5 + 0.5 * rnd.nextDouble();
        StringBuilder json = new StringBuilder(900);
        json.append("{\"experiment\":\"").append(experiment).append("\",\"createdAt\":\"").append(createdAt)
                .append("\",\"params\":{\"architecture\":\"").append(architecture).append("\",\"lr\":").append(lr)
                .append(",\"batch_size\":").append(batch).append(",\"mixed_precision\":").append(amp)
                .append("},\"metrics\":{");
        metric(json, "val_accuracy", valAccuracy, true);
        metric(json, "val_auc", valAuc, false);
        metric(json, "val_loss", 2.5 * (1 - valAccuracy) + 0.1 * rnd.nextDouble(), false);
        metric(json, "train_accuracy", trainAccuracy, false);
        metric(json, "train_loss", 2.0 * (1 - trainAccuracy) + 0.1 * rnd.nextDouble(), false);
        metric(json, "val_precision", precision, false);
        metric(json, "val_recall", recall, false);
        metric(json, "val_f1", 2 * precision * recall / (precision + recall), false);
        metric(json, "epoch_seconds", 30 + 600 * rnd.nextDouble(), false);
        metric(json, "throughput_img_s", 200 + 3000 * rnd.nextDouble(), false);
        json.append("},\"tags\":{\"dataset\":\"").append(dataset).append("\",\"seed\":\"").append(i % 1000)
                .append("\"},\"files\":[{\"path\":\"logs/run.log\",\"digest\":\"").append(sharedDigest)
                .append("\",\"size\":").append(sharedSize).append("}]}");
        return json.toString();
    }

    static void metric(StringBuilder json, String key, double value, boolean first) {
        if (!first) {
            json.append(',');
        }
        json.append('"').append(key).append("\":").append(String.format(Locale.ROOT, "%.6f", value));
    }

    void seed(int runs, int threads) throws InterruptedException {
        System.out.printf(Locale.ROOT, "committing %d runs (%d metric values) with %d threads ...%n",
                runs, 10L * runs, threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastMark = new AtomicLong(System.nanoTime());
        int step = Math.max(1, runs / 10);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < runs && failed.get() < 20) {
                    try {
                        HttpResponse<String> response = http.send(request("/api/v1/runs")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(manifest(i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            created.incrementAndGet();
                        } else if (response.statusCode() == 200) {
                            existing.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            System.out.printf("run %d: HTTP %d %s%n", i, response.statusCode(), response.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        failed.incrementAndGet();
                        System.out.printf("run %d: %s%n", i, e);
                    }
                    int n = done.incrementAndGet();
                    if (n % step == 0) {
                        long now = System.nanoTime();
                        long previous = lastMark.getAndSet(now);
                        System.out.printf(Locale.ROOT, "  %7d / %d runs  %6.1f s  (last %d: %.0f runs/s)%n", n, runs,
                                (now - start) / 1e9, step, step / ((now - previous) / 1e9));
                    }
                }
            }, "commit-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " commits failed; stopping");
        }
        int committed = created.get() + existing.get();
        System.out.printf(Locale.ROOT, "committed %d runs (%d new, %d already there) in %.1f s: %.1f runs/s%n",
                committed, created.get(), existing.get(), seconds, committed / seconds);
        System.out.printf(Locale.ROOT, "RESULT commit %.1f %d %.1f%n", committed / seconds, committed, seconds);
    }

    // ---------------------------------------------------------------- queries

    /** One query kind: makes the i-th request's query string, checks a page, and may walk cursors. */
    abstract class Kind {
        final String id;
        final String title;
        final List<Double> millis = new ArrayList<>();
        int checkFailures;
        String firstFailure;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        abstract void once(int i, boolean record) throws IOException, InterruptedException;

        void fail(String why) {
            checkFailures++;
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
    }

    /** A single search request. */
    class Single extends Kind {
        final java.util.function.IntFunction<String> query;
        final PageCheck check;

        Single(String id, String title, java.util.function.IntFunction<String> query, PageCheck check) {
            super(id, title);
            this.query = query;
            this.check = check;
        }

        @Override
        void once(int i, boolean record) throws IOException, InterruptedException {
            String q = query.apply(i);
            long t0 = System.nanoTime();
            Map<String, Object> page = search(q);
            long t1 = System.nanoTime();
            if (record) {
                millis.add((t1 - t0) / 1e6);
            }
            List<Map<String, Object>> items = items(page);
            String problem = check.check(i, items);
            if (problem == null && items.size() < 50 && page.get("nextCursor") != null) {
                problem = "short page (" + items.size() + " items) with a nextCursor";
            }
            if (problem != null) {
                fail(q + ": " + problem);
            }
        }
    }

    interface PageCheck {
        String check(int i, List<Map<String, Object>> items);
    }

    /** Page 1 of a query, then nextCursor to page {@code depth}; one sample is the whole walk. */
    class Walk extends Kind {
        final String query;
        final String metric;
        final int depth;
        final List<Double> lastPage = new ArrayList<>();

        Walk(String id, String title, String query, String metric, int depth) {
            super(id, title);
            this.query = query;
            this.metric = metric;
            this.depth = depth;
        }

        @Override
        void once(int i, boolean record) throws IOException, InterruptedException {
            Set<String> seen = new HashSet<>();
            double previous = Double.POSITIVE_INFINITY;
            String cursor = null;
            double total = 0;
            double last = 0;
            for (int p = 1; p <= depth; p++) {
                String q = cursor == null ? query : query + "&cursor=" + enc(cursor);
                long t0 = System.nanoTime();
                Map<String, Object> page = search(q);
                long t1 = System.nanoTime();
                last = (t1 - t0) / 1e6;
                total += last;
                List<Map<String, Object>> items = items(page);
                if (items.size() != 50 && page.get("nextCursor") != null) {
                    fail("page " + p + " has " + items.size() + " items and a nextCursor");
                }
                for (Map<String, Object> item : items) {
                    if (!seen.add((String) item.get("id"))) {
                        fail("page " + p + " repeats " + item.get("id"));
                    }
                    double value = metricOf(item, metric);
                    if (value > previous) {
                        fail("page " + p + " out of order: " + value + " after " + previous);
                    }
                    previous = value;
                }
                cursor = (String) page.get("nextCursor");
                if (cursor == null && p < depth) {
                    fail("no nextCursor after page " + p);
                    break;
                }
            }
            if (record) {
                millis.add(total);
                lastPage.add(last);
            }
        }
    }

    Map<String, Object> search(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/runs?" + query).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/runs?" + query + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) new Json(response.body()).parse();
        return page;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) (List<?>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    static double metricOf(Map<String, Object> item, String key) {
        Object value = ((Map<String, Object>) item.get("metrics")).get(key);
        return value == null ? Double.NaN : (Double) value;
    }

    @SuppressWarnings("unchecked")
    static String tagOf(Map<String, Object> item, String key) {
        return (String) ((Map<String, Object>) item.get("tags")).get(key);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    void measureQueries(int samples, int warmup) throws IOException, InterruptedException {
        if (samples <= 0) {
            System.out.println("BENCH_SAMPLES=0: no search measurements");
            return;
        }
        List<Kind> kinds = List.of(
                new Single("newest50", "newest 50 of one experiment",
                        i -> "experiment=" + enc(String.format(Locale.ROOT, "bench-exp-%02d", i % EXPERIMENTS)) + "&limit=50",
                        (i, items) -> {
                            String experiment = String.format(Locale.ROOT, "bench-exp-%02d", i % EXPERIMENTS);
                            String previous = null;
                            for (Map<String, Object> item : items) {
                                if (!experiment.equals(item.get("experiment"))) {
                                    return "item of experiment " + item.get("experiment");
                                }
                                String created = (String) item.get("createdAt");
                                if (previous != null && Instant.parse(created).isAfter(Instant.parse(previous))) {
                                    return "not newest first";
                                }
                                previous = created;
                            }
                            return null;
                        }),
                new Single("metric+tag", "val_accuracy>0.9 + tag dataset",
                        i -> "metric=" + enc("val_accuracy>0.9") + "&tag=" + enc("dataset=" + DATASETS[i % DATASETS.length])
                                + "&limit=50",
                        (i, items) -> {
                            for (Map<String, Object> item : items) {
                                if (!(metricOf(item, "val_accuracy") > 0.9)) {
                                    return "val_accuracy " + metricOf(item, "val_accuracy");
                                }
                                if (!DATASETS[i % DATASETS.length].equals(tagOf(item, "dataset"))) {
                                    return "dataset " + tagOf(item, "dataset");
                                }
                            }
                            return null;
                        }),
                new Single("sort-metric", "sort metric:val_auc desc, limit 50",
                        i -> "sort=" + enc("metric:val_auc") + "&order=desc&limit=50",
                        (i, items) -> {
                            double previous = Double.POSITIVE_INFINITY;
                            for (Map<String, Object> item : items) {
                                double value = metricOf(item, "val_auc");
                                if (!(value <= previous)) {
                                    return "val_auc out of order";
                                }
                                previous = value;
                            }
                            return null;
                        }),
                new Single("param", "param architecture=<a>, newest 50",
                        i -> "param=" + enc("architecture=" + ARCHITECTURES[i % ARCHITECTURES.length]) + "&limit=50",
                        (i, items) -> null),
                new Walk("cursor5", "5 pages via nextCursor (sort val_auc desc)",
                        "sort=" + enc("metric:val_auc") + "&order=desc&limit=50", "val_auc", 5));

        // A pathologically slow kind must not hold the benchmark for hours: each kind gets a time budget for
        // warm-up and for measuring; past it (and with at least MIN_SAMPLES samples) it stops early, and the
        // sample count printed with its figures says so.
        double warmBudget = intEnv("BENCH_WARMUP_BUDGET_S", 30);
        double measureBudget = intEnv("BENCH_KIND_BUDGET_S", 120);
        System.out.printf(Locale.ROOT, "warm-up: %d requests per query kind (at most %.0f s per kind) ...%n", warmup,
                warmBudget);
        long warmStart = System.nanoTime();
        for (Kind kind : kinds) {
            long kindStart = System.nanoTime();
            for (int i = 0; i < warmup && (System.nanoTime() - kindStart) / 1e9 < warmBudget; i++) {
                kind.once(i, false);
            }
            double spent = (System.nanoTime() - kindStart) / 1e9;
            if (spent > 5) {
                System.out.printf(Locale.ROOT, "  warm-up of '%s' took %.1f s%n", kind.title, spent);
            }
        }
        System.out.printf(Locale.ROOT, "warm-up done in %.1f s; measuring %d samples per kind (interleaved, one at a time, "
                + "at most %.0f s per kind) ...%n", (System.nanoTime() - warmStart) / 1e9, samples, measureBudget);
        long start = System.nanoTime();
        long[] spent = new long[kinds.size()];
        boolean[] stopped = new boolean[kinds.size()];
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < kinds.size(); k++) {
                Kind kind = kinds.get(k);
                if (stopped[k]) {
                    continue;
                }
                long t0 = System.nanoTime();
                kind.once(warmup + i, true);
                spent[k] += System.nanoTime() - t0;
                if (spent[k] / 1e9 > measureBudget && kind.millis.size() >= MIN_SAMPLES && i + 1 < samples) {
                    stopped[k] = true;
                    System.out.printf(Locale.ROOT, "  '%s' stopped after %d samples: its %.0f s budget is spent%n",
                            kind.title, kind.millis.size(), measureBudget);
                }
            }
        }
        System.out.printf(Locale.ROOT, "measured in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.printf("%-46s %9s %9s %9s %9s %7s %7s%n", "query kind", "p50 ms", "p99 ms", "max ms", "mean ms",
                "samples", "checks");
        for (Kind kind : kinds) {
            report(kind.id, kind.title, kind.millis, kind.checkFailures);
            if (kind instanceof Walk walk) {
                report(kind.id + "-page5", "  page " + walk.depth + " alone", walk.lastPage, 0);
            }
            if (kind.firstFailure != null) {
                System.out.println("  CHECK FAILED (" + kind.checkFailures + "x), first: " + kind.firstFailure);
            }
        }
    }

    static final int MIN_SAMPLES = 10;

    static void report(String id, String title, List<Double> values, int failures) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p50 = rank(sorted, 0.50);
        double p99 = rank(sorted, 0.99);
        double max = sorted[sorted.length - 1];
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-46s %9.1f %9.1f %9.1f %9.1f %7d %7s%n", title, p50, p99, max, mean,
                sorted.length, failures == 0 ? "ok" : failures + " bad");
        System.out.printf(Locale.ROOT, "RESULT query %s %.1f %.1f %.1f %.1f %d %d%n", id, p50, p99, max, mean,
                sorted.length, failures);
    }

    /** Nearest-rank percentile. */
    static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", auth);
    }

    // ---------------------------------------------------------------- BLAKE2b-256 (RFC 7693), unkeyed

    static final class Blake2b256 {
        private static final long[] IV = {
            0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
            0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L};
        private static final int[][] SIGMA = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
            {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
            {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
            {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
            {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
            {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
            {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
            {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
            {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
            {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}};

        static String hex(byte[] data) {
            long[] h = IV.clone();
            h[0] ^= 0x01010000L ^ 32; // digest length 32, no key, fanout 1, depth 1
            int blocks = Math.max(1, (data.length + 127) / 128);
            for (int b = 0; b < blocks; b++) {
                byte[] block = new byte[128];
                int from = b * 128;
                int n = Math.min(128, data.length - from);
                if (n > 0) {
                    System.arraycopy(data, from, block, 0, n);
                }
                boolean last = b == blocks - 1;
                compress(h, block, last ? data.length : (long) (b + 1) * 128, last);
            }
            StringBuilder out = new StringBuilder(64);
            for (int i = 0; i < 32; i++) {
                out.append(String.format("%02x", (h[i / 8] >>> (8 * (i % 8))) & 0xff));
            }
            return out.toString();
        }

        private static void compress(long[] h, byte[] block, long counter, boolean last) {
            long[] m = new long[16];
            for (int i = 0; i < 16; i++) {
                long word = 0;
                for (int j = 7; j >= 0; j--) {
                    word = (word << 8) | (block[i * 8 + j] & 0xffL);
                }
                m[i] = word;
            }
            long[] v = new long[16];
            System.arraycopy(h, 0, v, 0, 8);
            System.arraycopy(IV, 0, v, 8, 8);
            v[12] ^= counter;
            if (last) {
                v[14] = ~v[14];
            }
            for (int r = 0; r < 12; r++) {
                int[] s = SIGMA[r % 10];
                g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
            }
            for (int i = 0; i < 8; i++) {
                h[i] ^= v[i] ^ v[i + 8];
            }
        }

        private static void g(long[] v, int a, int b, int c, int d, long x, long y) {
            v[a] = v[a] + v[b] + x;
            v[d] = Long.rotateRight(v[d] ^ v[a], 32);
            v[c] = v[c] + v[d];
            v[b] = Long.rotateRight(v[b] ^ v[c], 24);
            v[a] = v[a] + v[b] + y;
            v[d] = Long.rotateRight(v[d] ^ v[a], 16);
            v[c] = v[c] + v[d];
            v[b] = Long.rotateRight(v[b] ^ v[c], 63);
        }
    }

    // ---------------------------------------------------------------- minimal JSON reader

    static final class Json {
        private final String s;
        private int i;

        Json(String text) {
            this.s = text;
        }

        Object parse() {
            Object value = value();
            space();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return object;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        object.put(key, value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return object;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> array = new ArrayList<>();
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return array;
                    }
                    while (true) {
                        array.add(value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return array;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return word("true", Boolean.TRUE);
                case 'f':
                    return word("false", Boolean.FALSE);
                case 'n':
                    return word("null", null);
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected '" + c + "'");
                    }
                    return Double.parseDouble(s.substring(start, i));
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private Object word(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("bad literal");
            }
            i += word.length();
            return value;
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalStateException error(String why) {
            return new IllegalStateException("JSON: " + why + " at " + i + " in "
                    + s.substring(0, Math.min(s.length(), 200)));
        }
    }

    static {
        // Fail early if the embedded BLAKE2b is wrong: b2sum -l 256 of "abc".
        String abc = Blake2b256.hex("abc".getBytes(StandardCharsets.US_ASCII));
        if (!Objects.equals(abc, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")) {
            throw new IllegalStateException("BLAKE2b self-test failed: " + abc);
        }
    }
}
