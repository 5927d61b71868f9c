package io.runvault.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.runvault.store.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dataset's digest, which runs' lineage names, is the BLAKE2b of its manifest text: the text of
 * registered datasets and of the built-in Fashion-MNIST is pinned as the appliance has always written it.
 */
class DatasetManifestBytesTest {

    static final Digest A = Digest.parse("blake2b:" + "a".repeat(64));

    static DatasetManifest full() {
        Map<String, int[]> perClass = new LinkedHashMap<>();
        perClass.put("train", new int[] {3, 0, 2});
        perClass.put("val", new int[] {1, 1, 1});
        perClass.put("test", new int[] {0, 0, 0});
        return new DatasetManifest(DatasetFormat.CSV, List.of(new DatasetManifest.StoredFile("source", A, 123_456_789_012L)),
                List.of("T-shirt/top", "\u00e9 \"q\" \\", "\ud83d\ude00", "tab\there"), 1, 1, 4, perClass, true, true,
                "label \u00e9", "patient", 7);
    }

    static DatasetManifest plain() {
        Map<String, int[]> perClass = new LinkedHashMap<>();
        perClass.put("train", new int[] {5, 6});
        perClass.put("test", new int[] {});
        return new DatasetManifest(DatasetFormat.IMAGE_FOLDER, List.of(
                new DatasetManifest.StoredFile("source", A, 0),
                new DatasetManifest.StoredFile("extra", A, 9_007_199_254_740_993L)),
                List.of("cat", "dog"), 3, 32, 24, perClass, false, false, null, null, 0);
    }

    static Map<String, String> fashionFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte.gz", "blake2b:" + "1".repeat(64));
        files.put("train-labels-idx1-ubyte.gz", "blake2b:" + "2".repeat(64));
        files.put("t10k-images-idx3-ubyte", "blake2b:" + "3".repeat(64));
        files.put("t10k-labels-idx1-ubyte", "blake2b:" + "4".repeat(64));
        return files;
    }

    static final String FULL_JSON = "{\"classes\":[\"T-shirt/top\",\"\u00e9 \\\"q\\\" \\\\\",\"\ud83d\ude00\",\"tab\\there\"],\"deriv"
            + "edTest\":{\"byGroup\":true,\"fraction\":0.2,\"seed\":0},\"files\":[{\"digest\":\"blake2b:aaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"role\":\"source\",\"size\":1234567"
            + "89012}],\"format\":\"csv\",\"groupColumn\":\"patient\",\"groups\":7,\"labelColumn\":\"label "
            + "\u00e9\",\"manifestVersion\":1,\"shape\":{\"channels\":1,\"height\":1,\"width\":4},\"splits\":{\""
            + "test\":{\"count\":0,\"perClass\":[0,0,0]},\"train\":{\"count\":5,\"perClass\":[3,0,2]},\"val\":{"
            + "\"count\":3,\"perClass\":[1,1,1]}}}";
    static final String FULL_DIGEST = "blake2b:a8414c83457eb72b53ffc8ed6a615338cbd6fd7caca7c3bb0b19ce836cf87ba3";
    static final String PLAIN_JSON = "{\"classes\":[\"cat\",\"dog\"],\"files\":[{\"digest\":\"blake2b:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"role\":\"source\",\"size\":0},{\"digest\":\"blake2b:aaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"role\":\"extra\",\"size\":90071992"
            + "54740992}],\"format\":\"image-folder\",\"manifestVersion\":1,\"shape\":{\"channels\":3,\"height\""
            + ":32,\"width\":24},\"splits\":{\"test\":{\"count\":0,\"perClass\":[]},\"train\":{\"count\":11,\"p"
            + "erClass\":[5,6]}}}";
    static final String PLAIN_DIGEST = "blake2b:4a145d1f548f8116515d1c0fc0a476f936f27a3487afb8d6d5e42b49c463f7b5";
    static final String FASHION_MANIFEST = "{\"name\":\"fashion-mnist\",\"format\":\"idx\",\"files\":{\"train-images-idx3-ubyte.gz\":\"blake"
            + "2b:1111111111111111111111111111111111111111111111111111111111111111\",\"train-labels-idx1-ubyte."
            + "gz\":\"blake2b:2222222222222222222222222222222222222222222222222222222222222222\",\"t10k-images-"
            + "idx3-ubyte\":\"blake2b:3333333333333333333333333333333333333333333333333333333333333333\",\"t10k"
            + "-labels-idx1-ubyte\":\"blake2b:4444444444444444444444444444444444444444444444444444444444444444\""
            + "},\"classes\":[\"T-shirt/top\",\"Trouser\",\"Pullover\",\"Dress\",\"Coat\",\"Sandal\",\"Shirt\","
            + "\"Sneaker\",\"Bag\",\"Ankle boot\"]}";

    @Test
    void aRegisteredDatasetKeepsItsManifestTextAndDigest() {
        assertEquals(FULL_JSON, full().toJson());
        assertEquals(FULL_DIGEST, full().digest().toString());
        assertEquals(PLAIN_JSON, plain().toJson());
        assertEquals(PLAIN_DIGEST, plain().digest().toString());
    }

    @Test
    void aStoredManifestReadsBackToTheSameText() {
        assertEquals(FULL_JSON, DatasetManifest.parse(FULL_JSON).toJson());
        assertEquals(PLAIN_JSON, DatasetManifest.parse(PLAIN_JSON).toJson());
    }

    @Test
    void fashionMnistKeepsItsManifestText() {
        assertEquals(FASHION_MANIFEST, DatasetCatalog.fashionMnistManifest(fashionFiles()));
    }
}
