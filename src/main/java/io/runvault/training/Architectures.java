package io.runvault.training;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The network architectures a {@link TrainingSpec} can name. Every block takes a batch of
 * N x C x H x W images and returns N x classes logits.
 */
public final class Architectures {

    private Architectures() {}

    /** Builds the (uninitialised) block for {@code spec} on images of {@code c x h x w} and {@code classes} classes. */
    public static Block build(TrainingSpec spec, int c, int h, int w, int classes) {
        return switch (spec.architecture()) {
            case MLP -> mlp(classes);
            case MINICNN -> miniCnn(classes);
            case RESNET -> resnet(spec.depth(), c, h, w, classes);
        };
    }

    /** Flatten, 256 and 128 ReLU units (dropout 0.2 after the first), then the classes. */
    public static Block mlp(int classes) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.2f).build())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Three 3x3 convolution stages (32, 64, 64 filters; each with batch norm, ReLU and 2x2 max
     * pooling), then a 64-unit dense layer with dropout 0.3 and the classes: about 93K parameters on
     * 28x28 grey images.
     */
    public static Block miniCnn(int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {32, 64, 64}) {
            net.add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .optPadding(new Shape(1, 1))
                            .setFilters(filters)
                            .optBias(false)
                            .build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** DJL's ResNetV1 ({@code ai.djl.basicmodelzoo.cv.classification}) of the given depth. */
    public static Block resnet(int depth, int c, int h, int w, int classes) {
        String problem = resnetDepthProblem(depth, h);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return ResNetV1.builder()
                .setImageShape(new Shape(c, h, w))
                .setNumLayers(depth)
                .setOutSize(classes)
                .build();
    }

    /** Why ResNetV1 cannot be built with {@code depth} for images {@code height} pixels high, or null. */
    static String resnetDepthProblem(int depth, int height) {
        if (height <= 28) {
            boolean ok = (depth >= 164 && (depth - 2) % 9 == 0) || (depth >= 8 && depth < 164 && (depth - 2) % 6 == 0);
            return ok ? null : "resnet depth " + depth + " is not available for images " + height
                    + " pixels high; use 6n+2 (8, 14, 20, 32, 44, 56, 110) or 9n+2 from 164";
        }
        return switch (depth) {
            case 18, 34, 50, 101, 152, 200, 269 -> null;
            default -> "resnet depth " + depth + " is not available for images " + height
                    + " pixels high; use 18, 34, 50, 101, 152, 200 or 269";
        };
    }
}
