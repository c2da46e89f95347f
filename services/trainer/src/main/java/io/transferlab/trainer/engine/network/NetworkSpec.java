package io.transferlab.trainer.engine.network;

import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.catalog.ImageShape;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.trainer.engine.InvalidInputException;
import java.util.Arrays;

/**
 * One member of the 8-weight-layer family: a preset, the input shape, a width multiplier, the dropout rate
 * after layers 6 and 7 and the classifier size. Layers 1..7 depend only on everything but
 * {@code numClasses}, which is why a base network of one half can give its layers to a network of the other.
 */
public record NetworkSpec(
        String preset, int channels, int height, int width, double widthMultiplier, double dropout, int numClasses) {

    /** Channels of conv1..conv5 at width 1.0. */
    static int[] baseConvChannels(String preset) {
        return switch (preset) {
            case ArchitectureSpec.GRAY28 -> new int[] {32, 64, 96, 96, 64};
            case ArchitectureSpec.COLOR32 -> new int[] {48, 96, 128, 128, 96};
            default -> throw new InvalidInputException("unknown architecture preset '" + preset + "'");
        };
    }

    /** Units of fc6 and fc7 at width 1.0. */
    static int baseDenseUnits(String preset) {
        return ArchitectureSpec.COLOR32.equals(preset) ? 384 : 256;
    }

    public NetworkSpec {
        baseConvChannels(preset);
        if (!(widthMultiplier > 0) || widthMultiplier > 16) {
            throw new InvalidInputException("architecture width must be in (0, 16], got " + widthMultiplier);
        }
        if (!(dropout >= 0) || dropout >= 1) {
            throw new InvalidInputException("dropout must be in [0, 1), got " + dropout);
        }
        if (numClasses < 2) {
            throw new InvalidInputException("a classifier needs at least 2 classes, got " + numClasses);
        }
        int[] expected = presetInput(preset);
        if (channels != expected[0] || height != expected[1] || width != expected[2]) {
            throw new InvalidInputException("preset " + preset + " takes " + expected[1] + "x" + expected[2] + "x"
                    + expected[0] + " images, the data is " + height + "x" + width + "x" + channels);
        }
    }

    /** {channels, height, width} of a preset's input. */
    public static int[] presetInput(String preset) {
        baseConvChannels(preset);
        ImageShape input =
                DatasetCatalog.STANDARD.architecture(preset).orElseThrow().input();
        return new int[] {input.channels(), input.height(), input.width()};
    }

    /** The preset a request names, or the default for images with this many channels. */
    public static String resolvePreset(ArchitectureSpec architecture, int channels) {
        if (architecture != null && architecture.preset() != null) {
            return architecture.preset();
        }
        return channels == 1 ? ArchitectureSpec.GRAY28 : ArchitectureSpec.COLOR32;
    }

    public static NetworkSpec of(ArchitectureSpec architecture, int channels, int height, int width, int numClasses) {
        ArchitectureSpec arch = architecture == null ? ArchitectureSpec.defaults() : architecture;
        return new NetworkSpec(
                resolvePreset(arch, channels), channels, height, width, arch.width(), arch.dropout(), numClasses);
    }

    public int[] convChannels() {
        return Arrays.stream(baseConvChannels(preset)).map(this::scaled).toArray();
    }

    public int denseUnits() {
        return scaled(baseDenseUnits(preset));
    }

    private int scaled(int units) {
        return Math.max(1, (int) Math.round(units * widthMultiplier));
    }

    /** True when layers 1..7 of the two networks have the same shapes, so weights can be copied. */
    public boolean featureLayersMatch(NetworkSpec other) {
        return preset.equals(other.preset)
                && channels == other.channels
                && height == other.height
                && width == other.width
                && Arrays.equals(convChannels(), other.convChannels())
                && denseUnits() == other.denseUnits();
    }

    public NetworkSpec withNumClasses(int classes) {
        return new NetworkSpec(preset, channels, height, width, widthMultiplier, dropout, classes);
    }

    public String describe() {
        return preset + " " + height + "x" + width + "x" + channels + " width " + widthMultiplier + " conv "
                + Arrays.toString(convChannels()) + " fc " + denseUnits() + " classes " + numClasses;
    }
}
