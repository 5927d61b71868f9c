package io.runvault.serving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.runvault.datasets.DatasetFormatException;
import io.runvault.datasets.DecodedImage;
import io.runvault.json.Json;
import io.runvault.problem.InvalidRequestException;
import io.runvault.problem.PayloadTooLargeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images of one prediction request as the model takes them: N x C x H x W floats holding the
 * 8-bit values divided by 255 (how stored datasets hold pixels; the model's own normalisation is
 * applied after). A body is one PNG or JPEG file, or JSON {@code {"images": [base64 PNG/JPEG...]}}
 * or {@code {"pixels": [[0-255 values, channels first, flat or nested]...]}}. The JSON is streamed:
 * a large batch is never held as a tree, and the batch limit is met before the next image is read.
 */
public record PredictionImages(float[] pixels, int count, int[] imageShape) {

    /** The image shape of the pixel array: {@code {N, C, H, W}}. */
    public int[] batchShape() {
        return new int[] {count, imageShape[0], imageShape[1], imageShape[2]};
    }

    /** A single PNG or JPEG file. */
    public static PredictionImages ofImageFile(byte[] body, int[] shape) {
        float[] pixels = new float[shape[0] * shape[1] * shape[2]];
        decodeInto(pixels, 0, "the image", body, shape);
        return new PredictionImages(pixels, 1, shape.clone());
    }

    /** The JSON form, at most {@code maxBatch} images. */
    public static PredictionImages ofJson(byte[] body, int[] shape, int maxBatch) {
        int per = shape[0] * shape[1] * shape[2];
        List<float[]> images = new ArrayList<>();
        String field = null;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("The body is a JSON object with \"images\" (base64 PNG or JPEG files) or \"pixels\" (arrays)");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!name.equals("images") && !name.equals("pixels")) {
                    throw invalid("Unknown field '" + name + "'; a prediction request has \"images\" or \"pixels\"");
                }
                if (parser.nextToken() == JsonToken.VALUE_NULL) {
                    continue; // generated clients write the member they do not use as null or []
                }
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    throw invalid("\"" + name + "\" is an array with one entry per image");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (field != null && !field.equals(name)) {
                        throw invalid("Give \"images\" or \"pixels\", not both");
                    }
                    field = name;
                    int index = images.size();
                    if (index >= maxBatch) {
                        throw new PayloadTooLargeException("batch-too-large", "A prediction request has at most "
                                + maxBatch + " images", Map.of("maxBatch", maxBatch));
                    }
                    float[] image = new float[per];
                    if (name.equals("images")) {
                        if (parser.currentToken() != JsonToken.VALUE_STRING) {
                            throw invalid("images[" + index + "] is a base64 string of a PNG or JPEG file");
                        }
                        byte[] file;
                        try {
                            file = parser.getBinaryValue();
                        } catch (StreamReadException notBase64) {
                            throw invalid("images[" + index + "] is not valid base64");
                        }
                        decodeInto(image, 0, "images[" + index + "]", file, shape);
                    } else {
                        readPixels(parser, image, "pixels[" + index + "]", shape);
                    }
                    images.add(image);
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw invalid("The body holds more than one JSON object");
            }
        } catch (StreamReadException malformed) {
            throw invalid("The body is not well-formed JSON: " + malformed.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("The body could not be read: " + e.getMessage());
        }
        if (images.isEmpty()) {
            throw invalid("The request holds no image");
        }
        float[] pixels = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, pixels, i * per, per);
        }
        return new PredictionImages(pixels, images.size(), shape.clone());
    }

    /** One image's values, flat or nested to any depth, in C x H x W order; exactly C*H*W of them. */
    private static void readPixels(JsonParser parser, float[] into, String name, int[] shape) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw invalid(name + " is an array of 0-255 values (C x H x W, channels first)");
        }
        int depth = 0;
        int count = 0;
        do {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_ARRAY) {
                if (++depth > 4) {
                    throw invalid(name + " is nested deeper than C x H x W");
                }
            } else if (token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = parser.getDoubleValue();
                if (!(value >= 0 && value <= 255)) {
                    throw invalid(name + " has the value " + parser.getText() + " at position " + count
                            + "; pixel values are 0 to 255");
                }
                if (count == into.length) {
                    throw invalid(name + " has more than the " + into.length + " values the model takes ("
                            + shape[0] + " x " + shape[1] + " x " + shape[2] + ", channels first)");
                }
                into[count++] = (float) value / 255f; // as stored datasets hold 8-bit values
            } else {
                throw invalid(name + " holds " + token.asString() + "; pixel values are numbers from 0 to 255");
            }
            if (depth > 0) {
                parser.nextToken();
            }
        } while (depth > 0);
        if (count != into.length) {
            throw invalid(name + " has " + count + " values; the model takes " + shape[0] + " x " + shape[1] + " x "
                    + shape[2] + " = " + into.length + " (channels first)");
        }
    }

    /** Decodes a PNG or JPEG file of exactly the model's size into {@code into} at {@code offset}. */
    private static void decodeInto(float[] into, int offset, String name, byte[] file, int[] shape) {
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        if (channels != 1 && channels != 3) {
            throw invalid("The model takes " + channels + "-channel images; only 1 (grey) or 3 (RGB) come from "
                    + "PNG or JPEG files; send \"pixels\" instead");
        }
        DecodedImage image;
        try {
            image = DecodedImage.decode(name, file, (w, h) -> {
                if (w != width || h != height) {
                    throw new DatasetFormatException(name + " is " + w + "x" + h + " pixels; the model takes "
                            + width + "x" + height);
                }
            });
        } catch (DatasetFormatException e) {
            throw invalid(e.getMessage());
        }
        int plane = width * height;
        byte[] values = image.values();
        if (image.colour() && channels == 1) {
            // Grey content saved as RGB is fine; real colour would be silently changed by a conversion.
            for (int p = 0; p < plane; p++) {
                if (values[p] != values[plane + p] || values[p] != values[2 * plane + p]) {
                    throw invalid(name + " is a colour image; the model takes grey (1-channel) images");
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            int from = image.colour() && channels == 3 ? c * plane : 0; // grey repeats its one plane
            for (int p = 0; p < plane; p++) {
                into[offset + c * plane + p] = (values[from + p] & 0xff) / 255f;
            }
        }
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException("bad-prediction-input", detail);
    }
}
