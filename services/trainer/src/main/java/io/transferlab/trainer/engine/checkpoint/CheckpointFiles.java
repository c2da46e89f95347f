package io.transferlab.trainer.engine.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transferlab.trainer.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes and reads checkpoint files: one ZIP holding {@code metadata.json} (format, run identity, progress,
 * entry digests), {@code configuration.json} (DL4J's own description of the network, for humans and other
 * tools), {@code params.bin} and {@code updater.bin} (ND4J binary arrays). Files are written to a temporary
 * name and moved into place, so a reader never sees half a file.
 */
public final class CheckpointFiles {
    static final String METADATA = "metadata.json";
    static final String CONFIGURATION = "configuration.json";
    static final String PARAMS = "params.bin";
    static final String UPDATER = "updater.bin";

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CheckpointFiles() {}

    public static String epochFileName(int epoch) {
        return String.format("epoch-%04d.ckpt", epoch);
    }

    public static final String FINAL_FILE_NAME = "final.ckpt";

    /** Writes the network, its updater state and the metadata to {@code file}. */
    public static void write(
            Path file,
            MultiLayerNetwork net,
            CheckpointMetadata.RunIdentity run,
            io.transferlab.trainer.engine.training.TrainingState state,
            boolean complete,
            String backend) {
        try {
            byte[] params = arrayBytes(net.params());
            INDArray updaterView = net.getUpdater().getStateViewArray();
            byte[] updater = updaterView == null ? null : arrayBytes(updaterView);
            CheckpointMetadata meta = new CheckpointMetadata(
                    CheckpointMetadata.FORMAT,
                    CheckpointMetadata.VERSION,
                    run,
                    state,
                    complete,
                    sha256(params),
                    updater == null ? null : sha256(updater),
                    backend,
                    Instant.now().toString());
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                // Float parameters barely compress: the fastest level keeps the format and saves the CPU time
                // the default level spends on every checkpoint.
                zip.setLevel(Deflater.BEST_SPEED);
                put(zip, METADATA, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                put(
                        zip,
                        CONFIGURATION,
                        net.getLayerWiseConfigurations().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                put(zip, PARAMS, params);
                if (updater != null) {
                    put(zip, UPDATER, updater);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    /** Reads and verifies a checkpoint; a corrupt, truncated or foreign file gives {@link InvalidInputException}. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("checkpoint " + file + " is corrupt or truncated: " + e.getMessage(), e);
        }
        byte[] metaBytes = entries.get(METADATA);
        if (metaBytes == null || !entries.containsKey(PARAMS)) {
            throw new InvalidInputException("checkpoint " + file + " is not a TransferLab checkpoint (entries "
                    + entries.keySet() + "; expected " + METADATA + " and " + PARAMS + ")");
        }
        CheckpointMetadata meta;
        try {
            meta = JSON.readValue(metaBytes, CheckpointMetadata.class);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("checkpoint " + file + " has unreadable metadata: " + e.getMessage(), e);
        }
        if (!CheckpointMetadata.FORMAT.equals(meta.format())
                || meta.formatVersion() != CheckpointMetadata.VERSION
                || meta.run() == null
                || meta.state() == null
                || meta.run().architecture() == null) {
            throw new InvalidInputException("checkpoint " + file + " has format " + meta.format() + " v"
                    + meta.formatVersion() + "; this trainer reads " + CheckpointMetadata.FORMAT + " v"
                    + CheckpointMetadata.VERSION);
        }
        verify(file, PARAMS, entries.get(PARAMS), meta.paramsSha256());
        INDArray params = readArray(file, PARAMS, entries.get(PARAMS));
        INDArray updater = null;
        if (meta.updaterSha256() != null) {
            verify(file, UPDATER, entries.get(UPDATER), meta.updaterSha256());
            updater = readArray(file, UPDATER, entries.get(UPDATER));
        }
        return new Checkpoint(meta, params, updater, sha256(bytes));
    }

    /** SHA-256 (hex) of a file's bytes, as recorded in {@code CheckpointRef.sha256}. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verify(Path file, String entry, byte[] bytes, String expected) {
        if (bytes == null) {
            throw new InvalidInputException("checkpoint " + file + " lacks its " + entry + " entry");
        }
        if (!sha256(bytes).equalsIgnoreCase(expected)) {
            throw new InvalidInputException(
                    "checkpoint " + file + ": entry " + entry + " does not match its recorded SHA-256 (corrupt file)");
        }
    }

    private static INDArray readArray(Path file, String entry, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return Nd4j.read(in);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(
                    "checkpoint " + file + ": entry " + entry + " is not an ND4J array: " + e.getMessage(), e);
        }
    }

    private static byte[] arrayBytes(INDArray array) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(array, out);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
