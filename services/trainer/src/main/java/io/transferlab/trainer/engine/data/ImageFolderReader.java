package io.transferlab.trainer.engine.data;

import io.transferlab.contracts.catalog.ImageShape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads an ImageNet-style folder: one sub-folder per class, holding JPEG or PNG files
 * ({@code .jpg}, {@code .jpeg}, {@code .png}, any case; other files and hidden entries are ignored).
 * Classes are the sub-folder names in sorted order, so label i is the i-th name.
 *
 * <p>Two layouts are accepted. If the root holds {@code train/} and {@code test/} sub-folders, those
 * are the official train and test sets and must have the same class folders. Otherwise the root's
 * sub-folders are the classes, and a test share of {@value #HOLDOUT_PERCENT}% of each class (at
 * least one image when a class has two or more) is held out with the fixed seed
 * {@value #HOLDOUT_SEED}, so every job sees the same test images whatever its own seed.
 *
 * <p>Each image is scaled, keeping its aspect ratio, until it covers the target size, then centre
 * cropped (bilinear interpolation); grayscale targets use the luma weights 0.299/0.587/0.114.
 * The digest covers every image file's relative path, size and SHA-256.
 */
final class ImageFolderReader {

    static final int HOLDOUT_PERCENT = 20;
    static final long HOLDOUT_SEED = 0L;

    record Result(ImageSet train, ImageSet test, List<String> classNames, String digest) {}

    private record Decoded(float[] pixels, int label) {}

    private ImageFolderReader() {}

    static Result read(Path root, ImageShape shape) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": image folder not found");
        }
        MessageDigest digest = Digests.sha256();
        Path trainDir = root.resolve("train");
        Path testDir = root.resolve("test");
        if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
            List<String> classes = classFolders(trainDir);
            List<String> testClasses = classFolders(testDir);
            if (!classes.equals(testClasses)) {
                throw new DatasetException(root + ": train/ has classes " + classes + " but test/ has " + testClasses);
            }
            List<Decoded> train = readAll(root, trainDir, classes, shape, digest);
            List<Decoded> test = readAll(root, testDir, classes, shape, digest);
            return new Result(
                    toSet(train, shape, classes.size()),
                    toSet(test, shape, classes.size()),
                    classes,
                    Digests.hex(digest.digest()));
        }
        List<String> classes = classFolders(root);
        List<Decoded> all = readAll(root, root, classes, shape, digest);
        List<Decoded> train = new ArrayList<>();
        List<Decoded> test = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Decoded> ofClass = new ArrayList<>();
            for (Decoded d : all) {
                if (d.label() == c) {
                    ofClass.add(d);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ofClass.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(HOLDOUT_SEED * 1_000_003L + c));
            int held = ofClass.size() < 2 ? 0 : Math.max(1, ofClass.size() * HOLDOUT_PERCENT / 100);
            boolean[] isTest = new boolean[ofClass.size()];
            for (int i = 0; i < held; i++) {
                isTest[order.get(i)] = true;
            }
            for (int i = 0; i < ofClass.size(); i++) {
                (isTest[i] ? test : train).add(ofClass.get(i));
            }
        }
        return new Result(
                toSet(train, shape, classes.size()),
                toSet(test, shape, classes.size()),
                classes,
                Digests.hex(digest.digest()));
    }

    private static List<String> classFolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
            if (names.size() < 2) {
                throw new DatasetException(
                        dir + ": an image folder needs at least 2 class sub-folders, found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot be listed (" + e + ")", e);
        }
    }

    private static List<Decoded> readAll(
            Path root, Path dir, List<String> classes, ImageShape shape, MessageDigest digest) {
        List<Decoded> result = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            List<Path> files;
            try (Stream<Path> entries = Files.list(classDir)) {
                files = entries.filter(Files::isRegularFile)
                        .filter(ImageFolderReader::isImageName)
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new DatasetException(classDir + ": cannot be listed (" + e + ")", e);
            }
            if (files.isEmpty()) {
                throw new DatasetException(classDir + ": class folder holds no JPEG or PNG images");
            }
            for (Path file : files) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new DatasetException(file + ": cannot be read (" + e + ")", e);
                }
                String line = root.relativize(file) + " " + bytes.length + " "
                        + Digests.hex(Digests.sha256().digest(bytes)) + "\n";
                digest.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                result.add(new Decoded(decode(file, bytes, shape), c));
            }
        }
        return result;
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    static float[] decode(Path file, byte[] bytes, ImageShape shape) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": corrupt image (" + e.getMessage() + ")", e);
        }
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw new DatasetException(file + ": not a readable JPEG or PNG image");
        }
        int w = shape.width();
        int h = shape.height();
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double scale = Math.max((double) w / image.getWidth(), (double) h / image.getHeight());
        int sw = (int) Math.ceil(image.getWidth() * scale);
        int sh = (int) Math.ceil(image.getHeight() * scale);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, (w - sw) / 2, (h - sh) / 2, sw, sh, null);
        } finally {
            g.dispose();
        }
        float[] out = new float[shape.channels() * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = target.getRGB(x, y);
                float r = ((rgb >> 16) & 0xff) / 255f;
                float gr = ((rgb >> 8) & 0xff) / 255f;
                float b = (rgb & 0xff) / 255f;
                int i = y * w + x;
                if (shape.channels() == 1) {
                    out[i] = 0.299f * r + 0.587f * gr + 0.114f * b;
                } else {
                    out[i] = r;
                    out[plane + i] = gr;
                    out[2 * plane + i] = b;
                }
            }
        }
        return out;
    }

    private static ImageSet toSet(List<Decoded> images, ImageShape shape, int numClasses) {
        int size = shape.channels() * shape.height() * shape.width();
        float[] pixels = new float[images.size() * size];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i).pixels(), 0, pixels, i * size, size);
            labels[i] = images.get(i).label();
        }
        return new ImageSet(images.size(), shape.channels(), shape.height(), shape.width(), pixels, labels, numClasses);
    }
}
