package io.transferlab.trainer.engine.data;

/**
 * Images as float pixels in [0,1] before normalisation, layout N x C x H x W row-major; labels
 * 0..numClasses-1. The arrays are shared, not copied: treat them as read-only.
 */
public record ImageSet(int count, int channels, int height, int width, float[] pixels, int[] labels, int numClasses) {

    public ImageSet {
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("bad image set shape: count=" + count + " channels=" + channels
                    + " height=" + height + " width=" + width + " numClasses=" + numClasses);
        }
        if (pixels == null || labels == null) {
            throw new IllegalArgumentException("pixels and labels are required");
        }
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected " + count + "x"
                    + channels + "x" + height + "x" + width);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + count);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " of image " + i + " is outside 0.." + (numClasses - 1));
            }
        }
    }

    /** Values per image: channels x height x width. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The images at {@code indices}, in that order (pixels copied). */
    public ImageSet subset(int[] indices) {
        int size = imageSize();
        float[] p = new float[indices.length * size];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, p, i * size, size);
            l[i] = labels[indices[i]];
        }
        return new ImageSet(indices.length, channels, height, width, p, l, numClasses);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
