package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runvault.client.ApiClient;
import io.runvault.client.api.ModelsApi;
import io.runvault.client.api.PromotionsApi;
import io.runvault.client.api.ServingApi;
import io.runvault.client.model.NewModel;
import io.runvault.client.model.NewModelVersion;
import io.runvault.client.model.PromotionAsk;
import io.runvault.client.model.PredictionRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A model in production answers predictions over HTTP, as an application calling the appliance would
 * use it: the probabilities are those of running the version's ONNX file in ONNX Runtime directly.
 */
class PredictIT {

    private static final RunvaultServer SERVER = SharedServer.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int SIDE = 28;

    private static Users.Login scientist;
    private static Users.Login reviewer;
    private static Users.Login viewer;
    private static String model;
    private static final Map<Integer, byte[]> ONNX = new LinkedHashMap<>();

    @BeforeAll
    static void registerTwoVersions() throws Exception {
        scientist = Users.create(SERVER, "contributor");
        reviewer = Users.create(SERVER, "approver");
        viewer = Users.create(SERVER, "viewer");
        model = "served-" + UUID.randomUUID().toString().substring(0, 8);
        new ModelsApi(as(scientist)).createModel(new NewModel().name(model).description("served classifier"));
        for (int seed = 1; seed <= 2; seed++) {
            byte[] onnx = linearModel(seed);
            Runs pipeline = new Runs(as(scientist));
            String run = pipeline.commit(pipeline.manifest("predict-it", Map.of("exports/model.onnx", onnx))
                    .putParamsItem("seed", seed)).getId();
            int version = new ModelsApi(as(scientist)).createModelVersion(model,
                    new NewModelVersion().runId(run).path("exports/model.onnx")).getVersion();
            ONNX.put(version, onnx);
        }
    }

    @Test
    void theProductionVersionAnswersWithItsOnnxFilesProbabilities() throws Exception {
        int[][] images = images(5, 11);
        String pixels = JSON.writeValueAsString(Map.of("pixels", images));

        HttpResponse<String> none = post("/predict", "application/json", pixels.getBytes(), viewer);
        assertEquals(409, none.statusCode(), none.body());
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(none.body().contains("no version in production"), none.body());

        promote(1);
        JsonNode answer = ok(post("/predict", "application/json", pixels.getBytes(), viewer));
        assertEquals(1, answer.get("version").asInt());
        assertEquals("production", answer.get("stage").asText());
        assertEquals("exports/model.onnx", answer.get("file").asText());
        assertEquals(CLASSES, JSON.convertValue(answer.get("classes"), List.class), "the model's class_names metadata");
        float[][] expected = reference(ONNX.get(1), images);
        float[][] got = probabilities(answer);
        assertEquals(images.length, got.length);
        for (int i = 0; i < images.length; i++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                assertEquals(expected[i][c], got[i][c], 1e-5, "image " + i + ", class " + c);
            }
            assertEquals(CLASSES.get(argmax(expected[i])), answer.get("predictions").get(i).get("label").asText());
        }

        // The same images as PNG files, in JSON and as a bare body, give the same numbers.
        List<String> encoded = new ArrayList<>();
        for (int[] image : images) {
            encoded.add(Base64.getEncoder().encodeToString(png(image, false)));
        }
        float[][] fromPng = probabilities(ok(post("/predict", "application/json",
                JSON.writeValueAsBytes(Map.of("images", encoded)), viewer)));
        assertArrayEquals(got, fromPng);
        JsonNode single = ok(post("/predict", "image/png", png(images[2], false), viewer));
        assertArrayEquals(got[2], probabilities(single)[0]);
        // A grey image saved as RGB is the same image.
        assertArrayEquals(got[3], probabilities(ok(post("/predict", "image/png", png(images[3], true), viewer)))[0]);

        // The generated client.
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.stream(images[0]).boxed().map(Object.class::cast).toList());
        var typed = new ServingApi(as(viewer)).predict(model, new PredictionRequest().pixels(rows));
        assertEquals(1, typed.getVersion());
        assertEquals(got[0][4], typed.getPredictions().get(0).getProbabilities().get(4), 1e-7);

        // A promotion takes effect on the next request; the old version still answers by number.
        promote(2);
        JsonNode second = ok(post("/predict", "application/json", pixels.getBytes(), viewer));
        assertEquals(2, second.get("version").asInt());
        float[][] expectedSecond = reference(ONNX.get(2), images);
        float[][] gotSecond = probabilities(second);
        for (int i = 0; i < images.length; i++) {
            for (int c = 0; c < CLASSES.size(); c++) {
                assertEquals(expectedSecond[i][c], gotSecond[i][c], 1e-5, "version 2, image " + i + ", class " + c);
            }
        }
        assertTrue(Math.abs(gotSecond[0][0] - got[0][0]) > 1e-4, "another model answers");
        JsonNode old = ok(post("/versions/1/predict", "application/json", pixels.getBytes(), viewer));
        assertEquals("archived", old.get("stage").asText());
        assertArrayEquals(got, probabilities(old));
    }

    @Test
    void badRequestsAreRefusedWithProblemsNamingTheImage() throws Exception {
        int[][] images = images(2, 5);
        // Bodies the model cannot take: 400 naming what is wrong.
        assertRefused(400, "32x32", post("/versions/1/predict", "image/png", png(new int[32 * 32], false, 32), viewer));
        assertRefused(400, "colour", post("/versions/1/predict", "image/png", colourPng(), viewer));
        byte[] whole = png(images[0], false);
        assertRefused(400, "the image", post("/versions/1/predict", "image/png", Arrays.copyOf(whole, whole.length / 2), viewer));
        assertRefused(400, "images[1]", post("/versions/1/predict", "application/json",
                JSON.writeValueAsBytes(Map.of("images", List.of(Base64.getEncoder().encodeToString(whole), "bm90IGFuIGltYWdl"))), viewer));
        assertRefused(400, "783 values", post("/versions/1/predict", "application/json",
                JSON.writeValueAsBytes(Map.of("pixels", List.of(Arrays.copyOf(images[0], 783)))), viewer));
        int[] bright = images[1].clone();
        bright[17] = 300;
        assertRefused(400, "300", post("/versions/1/predict", "application/json",
                JSON.writeValueAsBytes(Map.of("pixels", List.of(images[0], bright))), viewer));
        assertRefused(400, "JSON", post("/versions/1/predict", "application/json", "{\"pixels\": [[1, 2".getBytes(), viewer));
        assertRefused(400, "not both", post("/versions/1/predict", "application/json",
                JSON.writeValueAsBytes(Map.of("pixels", List.of(images[0]), "images", List.of(Base64.getEncoder().encodeToString(whole)))), viewer));
        assertRefused(400, "no image", post("/versions/1/predict", "application/json", "{\"pixels\": []}".getBytes(), viewer));
        assertRefused(400, "'instances'", post("/versions/1/predict", "application/json", "{\"instances\": []}".getBytes(), viewer));

        // Too much: the batch limit and the body limit.
        int[][] many = new int[257][];
        Arrays.fill(many, images[0]);
        assertRefused(413, "256", post("/versions/1/predict", "application/json", JSON.writeValueAsBytes(Map.of("pixels", many)), viewer));
        assertRefused(413, "bytes", post("/versions/1/predict", "application/json", new byte[(16 << 20) + 1], viewer));
        assertEquals(415, post("/versions/1/predict", "application/xml", "<image/>".getBytes(), viewer).statusCode());

        // Who and what: no credentials, unknown model or version, a version with no ONNX file.
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + "/api/v1/models/"
                + model + "/versions/1/predict")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(whole)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(404, HTTP.send(request("/api/v1/models/no-such-model/predict", "image/png", whole, viewer),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertRefused(404, "no version 99", post("/versions/99/predict", "image/png", whole, viewer));
        Runs pipeline = new Runs(as(scientist));
        String run = pipeline.commit(pipeline.manifest("predict-it", Map.of("checkpoints/best.params",
                Blobs.random(500, 9)))).getId();
        int noOnnx = new ModelsApi(as(scientist)).createModelVersion(model,
                new NewModelVersion().runId(run).path("checkpoints/best.params")).getVersion();
        assertRefused(422, "no ONNX file", post("/versions/" + noOnnx + "/predict", "image/png", whole, viewer));

        // None of it hurt the model: a good request still works.
        assertEquals(200, post("/versions/1/predict", "image/png", whole, viewer).statusCode());
    }

    private static void promote(int version) throws Exception {
        PromotionsApi asked = new PromotionsApi(as(scientist));
        asked.requestPromotion(new PromotionAsk().model(model).version(version).targetStage("validated").reason("checked"));
        String request = asked.requestPromotion(new PromotionAsk().model(model).version(version)
                .targetStage("production").reason("ship it")).getId();
        new PromotionsApi(as(reviewer)).approvePromotion(request);
    }

    private static ApiClient as(Users.Login login) {
        return Clients.as(SERVER, login.authorization());
    }

    private static HttpRequest request(String path, String type, byte[] body, Users.Login who) {
        return HttpRequest.newBuilder(URI.create(SERVER.baseUrl() + path)).header("Content-Type", type)
                .header("Authorization", who.authorization()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> post(String path, String type, byte[] body, Users.Login who) throws Exception {
        return HTTP.send(request("/api/v1/models/" + model + path, type, body, who), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void assertRefused(int status, String says, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow(), response.body());
        String detail = JSON.readTree(response.body()).path("detail").asText();
        assertTrue(detail.contains(says), "'" + says + "' in: " + detail);
    }

    private static float[][] probabilities(JsonNode answer) {
        JsonNode predictions = answer.get("predictions");
        float[][] rows = new float[predictions.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode p = predictions.get(i).get("probabilities");
            rows[i] = new float[p.size()];
            for (int c = 0; c < p.size(); c++) {
                rows[i][c] = p.get(c).floatValue();
            }
        }
        return rows;
    }

    private static int argmax(float[] row) {
        int top = 0;
        for (int c = 1; c < row.length; c++) {
            top = row[c] > row[top] ? c : top;
        }
        return top;
    }

    /** Seeded 28 x 28 grey images of 0-255 values. */
    private static int[][] images(int count, long seed) {
        Random random = new Random(seed);
        int[][] out = new int[count][SIDE * SIDE];
        for (int[] image : out) {
            for (int p = 0; p < image.length; p++) {
                image[p] = random.nextInt(256);
            }
        }
        return out;
    }

    private static byte[] png(int[] values, boolean asRgb) throws Exception {
        return png(values, asRgb, SIDE);
    }

    private static byte[] png(int[] values, boolean asRgb, int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, asRgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = values[y * side + x];
                if (asRgb) {
                    image.setRGB(x, y, v << 16 | v << 8 | v);
                } else {
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] colourPng() throws Exception {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * What the appliance should answer, computed here: the model's input_normalisation applied to
     * value / 255, ONNX Runtime on the file, a softmax of its logits.
     */
    private static float[][] reference(byte[] onnx, int[][] images) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] input = new float[images.length * SIDE * SIDE];
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                input[i * SIDE * SIDE + p] = (float) ((images[i][p] / 255f - 0.5) / 0.5);
            }
        }
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {images.length, 1, SIDE, SIDE});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            float[][] logits = (float[][]) result.get(0).getValue();
            float[][] out = new float[logits.length][];
            for (int i = 0; i < logits.length; i++) {
                double max = Arrays.stream(toDoubles(logits[i])).max().orElseThrow();
                double[] e = Arrays.stream(toDoubles(logits[i])).map(v -> Math.exp(v - max)).toArray();
                double total = Arrays.stream(e).sum();
                out[i] = new float[e.length];
                for (int c = 0; c < e.length; c++) {
                    out[i][c] = (float) (e[c] / total);
                }
            }
            return out;
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * A linear classifier for 1 x 28 x 28 images giving logits (not probabilities), with the metadata
     * a served model carries: class names and a (pixel - 0.5) / 0.5 normalisation.
     */
    static byte[] linearModel(long seed) {
        Random random = new Random(seed);
        TensorProto.Builder weights = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(SIDE * SIDE).addDims(CLASSES.size());
        for (int i = 0; i < SIDE * SIDE * CLASSES.size(); i++) {
            weights.addFloatData((float) random.nextGaussian() * 0.05f);
        }
        TensorProto.Builder bias = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(CLASSES.size());
        for (int c = 0; c < CLASSES.size(); c++) {
            bias.addFloatData((float) random.nextGaussian() * 0.1f);
        }
        GraphProto graph = GraphProto.newBuilder().setName("linear")
                .addNode(NodeProto.newBuilder().setOpType("Flatten").addInput("x").addOutput("flat"))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("flat").addInput("w").addOutput("scores"))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("scores").addInput("b").addOutput("logits"))
                .addInitializer(weights)
                .addInitializer(bias)
                .addInput(EvaluateIT.tensor("x", -1, 1, SIDE, SIDE))
                .addOutput(EvaluateIT.tensor("logits", -1, CLASSES.size()))
                .build();
        try {
            return ModelProto.newBuilder().setIrVersion(8).setProducerName("predict-it")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                    .addMetadataProps(StringStringEntryProto.newBuilder().setKey("class_names")
                            .setValue(JSON.writeValueAsString(CLASSES)))
                    .addMetadataProps(StringStringEntryProto.newBuilder().setKey("input_normalisation")
                            .setValue("{\"scale\": \"pixel / 255\", \"mean\": 0.5, \"std\": 0.5}"))
                    .setGraph(graph).build().toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
