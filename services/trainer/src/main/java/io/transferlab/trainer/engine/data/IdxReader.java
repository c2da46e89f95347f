package io.transferlab.trainer.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format: 2 zero bytes, a type byte, a dimension count byte, big-endian
 * int32 dimensions, then the values), gzip-compressed or raw; gzip is detected by its magic bytes,
 * not the file name. Only unsigned-byte data (type 0x08) is accepted, as MNIST and Fashion-MNIST use.
 * The file's SHA-256 is computed on the stored bytes while they are read, so hashing costs no extra pass.
 */
final class IdxReader {

    /** Dimensions and raw unsigned-byte values of one IDX file. */
    record Idx(int[] dims, byte[] data, HashedFile source) {
        int dim(int i) {
            return dims[i];
        }
    }

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 1 << 16;
    /** No IDX dimension in any supported dataset comes close; larger values mean a corrupt header. */
    private static final int MAX_DIM = 10_000_000;

    private IdxReader() {}

    /** Reads an IDX file of unsigned bytes with exactly {@code expectedDims} dimensions. */
    static Idx read(Path file, int expectedDims) {
        MessageDigest sha = Digests.sha256();
        try (InputStream rawFile = Files.newInputStream(file);
                DigestInputStream hashed = new DigestInputStream(rawFile, sha);
                BufferedInputStream buffered = new BufferedInputStream(hashed, BUFFER)) {
            buffered.mark(2);
            int m1 = buffered.read();
            int m2 = buffered.read();
            buffered.reset();
            boolean gzip = m1 == GZIP_MAGIC_1 && m2 == GZIP_MAGIC_2;
            InputStream in = gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
            Idx idx = readIdx(file, in, expectedDims, gzip);
            buffered.transferTo(OutputStream.nullOutputStream()); // hash any bytes the decoder did not need
            long size = Files.size(file);
            return new Idx(idx.dims(), idx.data(), new HashedFile(file, size, Digests.hex(sha.digest())));
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": file not found");
        } catch (ZipException | java.io.EOFException e) {
            throw new DatasetException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e + ")", e);
        }
    }

    private static Idx readIdx(Path file, InputStream in, int expectedDims, boolean gzip) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DatasetException(file + ": truncated: " + magic.length + " bytes, too short for an IDX header");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DatasetException(file + ": not an IDX file (magic number 0x" + hex4(magic) + "; expected 0x000008"
                    + String.format("%02x", expectedDims) + ")");
        }
        int type = magic[2] & 0xff;
        int ndims = magic[3] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(file + ": IDX data type 0x" + String.format("%02x", type)
                    + " is not supported (expected 0x08, unsigned byte)");
        }
        if (ndims != expectedDims) {
            throw new DatasetException(file + ": IDX file has " + ndims + " dimensions, expected " + expectedDims
                    + " (magic number 0x" + hex4(magic) + ")");
        }
        byte[] dimBytes = in.readNBytes(4 * ndims);
        if (dimBytes.length < 4 * ndims) {
            throw new DatasetException(file + ": truncated inside the IDX header");
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int i = 0; i < ndims; i++) {
            int o = 4 * i;
            dims[i] = ((dimBytes[o] & 0xff) << 24)
                    | ((dimBytes[o + 1] & 0xff) << 16)
                    | ((dimBytes[o + 2] & 0xff) << 8)
                    | (dimBytes[o + 3] & 0xff);
            if (dims[i] < 0 || dims[i] > MAX_DIM) {
                throw new DatasetException(file + ": corrupt IDX header: dimension " + i + " is " + dims[i]);
            }
            total *= dims[i];
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new DatasetException(file + ": corrupt IDX header: " + total + " values declared");
        }
        byte[] data = in.readNBytes((int) total);
        if (data.length < total) {
            throw new DatasetException(file + ": truncated: header declares " + describe(dims) + " = " + total
                    + " values but only " + data.length + " are present" + (gzip ? " after decompression" : ""));
        }
        if (in.read() != -1) {
            throw new DatasetException(file + ": unexpected bytes after the " + total + " values the header declares ("
                    + describe(dims) + ")");
        }
        return new Idx(dims, data, null);
    }

    private static String describe(int[] dims) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return b.toString();
    }

    private static String hex4(byte[] magic) {
        return String.format("%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3]);
    }
}
