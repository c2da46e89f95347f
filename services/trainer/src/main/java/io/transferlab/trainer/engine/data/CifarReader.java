package io.transferlab.trainer.engine.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the CIFAR binary formats. A CIFAR-10 record is 1 label byte and 3072 pixel bytes; a
 * CIFAR-100 record is 1 coarse label byte, 1 fine label byte and 3072 pixel bytes. Pixels are
 * stored as the red, green and blue 32x32 planes, row-major, which is already C x H x W.
 * A file must hold a whole, positive number of records (the official files hold 10000 or 50000).
 */
final class CifarReader {

    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int PIXELS = CHANNELS * SIDE * SIDE;

    /** Labels (fine labels for CIFAR-100), pixel bytes and, for CIFAR-100, coarse labels. */
    record Records(int count, int[] labels, int[] coarseLabels, byte[] pixels, HashedFile source) {}

    private CifarReader() {}

    /** Reads a CIFAR-10 batch file; every label must be below {@code numClasses}. */
    static Records readCifar10(Path file, int numClasses) {
        return read(file, 1, numClasses, 0);
    }

    /** Reads a CIFAR-100 file; fine labels must be below {@code fineClasses}, coarse below {@code coarseClasses}. */
    static Records readCifar100(Path file, int fineClasses, int coarseClasses) {
        return read(file, 2, fineClasses, coarseClasses);
    }

    private static Records read(Path file, int labelBytes, int numClasses, int coarseClasses) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e + ")", e);
        }
        int recordSize = labelBytes + PIXELS;
        if (bytes.length == 0 || bytes.length % recordSize != 0) {
            throw new DatasetException(file + ": truncated or corrupt: size " + bytes.length
                    + " bytes is not a whole number of " + recordSize + "-byte CIFAR records"
                    + (bytes.length > recordSize
                            ? " (" + bytes.length / recordSize + " whole records and " + bytes.length % recordSize
                                    + " bytes left over)"
                            : ""));
        }
        int count = bytes.length / recordSize;
        int[] labels = new int[count];
        int[] coarse = labelBytes == 2 ? new int[count] : null;
        byte[] pixels = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            int offset = i * recordSize;
            int label = bytes[offset + labelBytes - 1] & 0xff;
            if (label >= numClasses) {
                throw new DatasetException(file + ": corrupt: record " + i + " has " + (labelBytes == 2 ? "fine " : "")
                        + "label " + label + ", expected 0.." + (numClasses - 1));
            }
            labels[i] = label;
            if (coarse != null) {
                coarse[i] = bytes[offset] & 0xff;
                if (coarse[i] >= coarseClasses) {
                    throw new DatasetException(file + ": corrupt: record " + i + " has coarse label " + coarse[i]
                            + ", expected 0.." + (coarseClasses - 1));
                }
            }
            System.arraycopy(bytes, offset + labelBytes, pixels, i * PIXELS, PIXELS);
        }
        HashedFile source =
                new HashedFile(file, bytes.length, Digests.hex(Digests.sha256().digest(bytes)));
        return new Records(count, labels, coarse, pixels, source);
    }
}
