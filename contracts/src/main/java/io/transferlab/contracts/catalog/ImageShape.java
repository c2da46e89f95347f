package io.transferlab.contracts.catalog;

/** The shape images are brought to: channels (1 = grayscale, 3 = RGB), height and width in pixels. */
public record ImageShape(int channels, int height, int width) {

    public static final ImageShape GRAY_28 = new ImageShape(1, 28, 28);
    public static final ImageShape COLOR_32 = new ImageShape(3, 32, 32);

    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, not " + height + "x" + width);
        }
    }
}
