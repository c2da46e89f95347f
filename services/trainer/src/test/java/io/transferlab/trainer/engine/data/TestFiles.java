package io.transferlab.trainer.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small synthetic dataset files in the official formats. */
final class TestFiles {

    private TestFiles() {}

    /** IDX images: n x rows x cols, pixel (i, r, c) = (i * 7 + r * cols + c) % 256. */
    static byte[] idxImages(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x00000803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < rows * cols; p++) {
                b.put((byte) ((i * 7 + p) % 256));
            }
        }
        return b.array();
    }

    /** IDX labels: label i = labels[i]. */
    static byte[] idxLabels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x00000801).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static int[] cyclicLabels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Writes an MNIST-style folder: 40 train and 20 test 4x5 images over 10 classes. */
    static void writeMnist(Path dir, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train-images-idx3-ubyte", idxImages(40, 4, 5), gzip);
        write(dir, "train-labels-idx1-ubyte", idxLabels(cyclicLabels(40, 10)), gzip);
        write(dir, "t10k-images-idx3-ubyte", idxImages(20, 4, 5), gzip);
        write(dir, "t10k-labels-idx1-ubyte", idxLabels(cyclicLabels(20, 10)), gzip);
    }

    static Path write(Path dir, String name, byte[] data, boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? name + ".gz" : name);
        Files.write(file, gzip ? gzip(data) : data);
        return file;
    }

    /** One CIFAR record; pixel p of channel c = (seed + c * 31 + p) % 256. */
    static void cifarRecord(ByteArrayOutputStream out, int[] labelBytes, int seed) {
        for (int l : labelBytes) {
            out.write(l);
        }
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < 1024; p++) {
                out.write((seed + c * 31 + p) % 256);
            }
        }
    }
}
