package io.runvault.datasets;

import io.runvault.store.Digest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Data preparation of a 10,000-image PNG folder (Fashion-MNIST's test images written as 28x28 grey
 * PNGs in one folder per class): decoding the zip as a job does on a first run, against reading the
 * decoded-dataset cache as the next job on the same data does. A plain main program, not a test;
 * tests/bench/dataset-cache.sh runs it.
 *
 * <pre>
 * java -cp ... io.runvault.datasets.DatasetCacheBenchmark [rounds=3] [dir=/usr/share/datasets/fashion-mnist]
 * </pre>
 */
public final class DatasetCacheBenchmark {

    private DatasetCacheBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path mnist = args.length > 1 ? Path.of(args[1]) : FashionMnist.DEBIAN_DIR;
        Path work = Files.createTempDirectory("dataset-cache-bench");
        try {
            Path zip = work.resolve("images.zip");
            Files.write(zip, pngFolder(FashionMnist.test(mnist)));
            Digest digest = Digest.compute(zip);
            System.out.printf(Locale.ROOT, "PNG folder: 10,000 images of 28x28 grey, %.1f MB zipped%n", Files.size(zip) / 1e6);
            System.out.printf(Locale.ROOT, "%-6s %14s %14s %14s %8s%n", "round", "decode (s)", "first run (s)", "cached (s)",
                    "ratio");
            for (int round = 1; round <= rounds; round++) {
                DecodedDatasetCache cache = new DecodedDatasetCache(work.resolve("cache-" + round), 1L << 30,
                        Clock.systemUTC());
                DecodedDatasetCache.Decoder decoder = () -> DatasetFormat.IMAGE_FOLDER.read(
                        Map.of(DatasetFormat.SOURCE, zip), DatasetOptions.none(),
                        new DatasetLimits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE)).withTest();
                long t0 = System.nanoTime();
                ParsedDataset plain = decoder.decode();
                double decode = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                ParsedDataset first = cache.get(digest, decoder);
                double firstRun = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                ParsedDataset cached = cache.get(digest, decoder);
                double cachedRun = (System.nanoTime() - t0) / 1e9;
                if (!cached.train().equals(plain.train()) || !cached.test().equals(first.test())) {
                    throw new AssertionError("the cached dataset differs from the decoded one");
                }
                System.out.printf(Locale.ROOT, "%-6d %14.3f %14.3f %14.3f %7.1fx%n", round, decode, firstRun, cachedRun,
                        firstRun / cachedRun);
            }
            System.out.println("ratio: first run (decode and write the cache) / cached run (read the cache); higher is better");
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] pngFolder(LabelledImages images) throws Exception {
        List<Object> entries = new ArrayList<>();
        float[] pixels = images.copyOfPixels();
        int size = images.imageSize();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = new BufferedImage(images.width(), images.height(), BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < size; p++) {
                image.getRaster().setSample(p % images.width(), p / images.width(), 0, Math.round(pixels[i * size + p] * 255));
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            entries.add(images.classNames().get(images.labels()[i]).replace('/', '-') + "/" + i + ".png");
            entries.add(png.toByteArray());
        }
        return DatasetFixtures.zip(entries.toArray());
    }
}
