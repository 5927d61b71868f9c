package io.runvault.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PredictionImagesTest {

    private static final int[] GREY_2X3 = {1, 2, 3};

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void flatAndNestedPixelsAreTheSameImage() {
        PredictionImages flat = PredictionImages.ofJson(json("{\"pixels\": [[0, 51, 102, 153, 204, 255]]}"), GREY_2X3, 8);
        PredictionImages nested = PredictionImages.ofJson(json("{\"pixels\": [[[[0, 51, 102], [153, 204, 255]]]]}"),
                new int[] {1, 2, 3}, 8);
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, flat.pixels(), 1e-7f);
        assertArrayEquals(flat.pixels(), nested.pixels());
        assertArrayEquals(new int[] {1, 1, 2, 3}, flat.batchShape());
    }

    @Test
    void aPngAndItsPixelsGiveTheSameValues() throws Exception {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 51, 102, 153, 204, 255};
        for (int i = 0; i < values.length; i++) {
            image.getRaster().setSample(i % 3, i / 3, 0, values[i]);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        PredictionImages file = PredictionImages.ofImageFile(png.toByteArray(), GREY_2X3);
        PredictionImages encoded = PredictionImages.ofJson(json("{\"images\": [\""
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"]}"), GREY_2X3, 8);
        PredictionImages pixels = PredictionImages.ofJson(json("{\"pixels\": [[0, 51, 102, 153, 204, 255]]}"), GREY_2X3, 8);
        assertArrayEquals(pixels.pixels(), file.pixels());
        assertArrayEquals(pixels.pixels(), encoded.pixels());
        // A grey image feeds each channel of a colour model.
        PredictionImages colour = PredictionImages.ofImageFile(png.toByteArray(), new int[] {3, 2, 3});
        assertEquals(18, colour.pixels().length);
        assertEquals(colour.pixels()[5], colour.pixels()[17]);
    }

    @Test
    void theMemberAGeneratedClientLeavesEmptyIsIgnored() {
        PredictionImages images = PredictionImages.ofJson(json("{\"images\": [], \"pixels\": [[1,2,3,4,5,6],[6,5,4,3,2,1]]}"),
                GREY_2X3, 8);
        assertEquals(2, images.count());
        assertEquals(2, PredictionImages.ofJson(json("{\"images\": null, \"pixels\": [[1,2,3,4,5,6],[6,5,4,3,2,1]]}"),
                GREY_2X3, 8).count());
    }

    @Test
    void wrongCountsValuesAndShapesNameTheImage() {
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,6],[1,2,3,4,5]]}").contains("pixels[1] has 5 values"));
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,6,7]]}").contains("more than the 6 values"));
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,-1]]}").contains("-1"));
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,\"6\"]]}").contains("numbers from 0 to 255"));
        assertTrue(refusal("{\"pixels\": [[[[[[1,2,3,4,5,6]]]]]]}").contains("nested deeper"));
        assertTrue(refusal("{\"images\": [\"!!\"]}").contains("images[0]"));
        assertTrue(refusal("{\"images\": [\"aGVsbG8=\"]}").contains("images[0] is not a PNG or JPEG"));
        assertTrue(refusal("[1]").contains("JSON object"));
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,6]]} {}").contains("more than one"));
        assertTrue(refusal("{\"pixels\": [[1,2,3,4,5,6]], \"extra\": 1}").contains("'extra'"));
        assertTrue(refusal("{\"pixels\": [[1,2,3").contains("well-formed JSON"));
        assertTrue(refusal("{}").contains("no image"));
    }

    @Test
    void theBatchLimitIsMetBeforeTheNextImageIsRead() {
        PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class, () -> PredictionImages.ofJson(
                json("{\"pixels\": [[1,2,3,4,5,6],[1,2,3,4,5,6],[1,2,3,4,5,6]]}"), GREY_2X3, 2));
        assertEquals("batch-too-large", e.type());
    }

    private static String refusal(String body) {
        return assertThrows(InvalidRequestException.class, () -> PredictionImages.ofJson(json(body), GREY_2X3, 8))
                .getMessage();
    }
}
