package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.catalog.ImageShape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    private static void image(Path file, int w, int h, Color color, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ImageIO.write(img, format, file.toFile());
    }

    @Test
    void trainAndTestFoldersAreUsedAsTheyAreAndImagesResized() throws IOException {
        for (String part : new String[] {"train", "test"}) {
            image(dir.resolve(part + "/red/a.png"), 40, 20, Color.RED, "png");
            image(dir.resolve(part + "/red/b.PNG"), 10, 10, Color.RED, "png");
            image(dir.resolve(part + "/blue/x.jpg"), 17, 33, Color.BLUE, "jpg");
        }
        Files.writeString(dir.resolve("train/blue/README.txt"), "ignored");

        LabeledDataset ds = Datasets.load("folder", dir, 2, new ImageShape(3, 8, 6));

        assertThat(ds.classNames()).containsExactly("blue", "red");
        assertThat(ds.train().count()).isEqualTo(3);
        assertThat(ds.test().count()).isEqualTo(3);
        assertThat(ds.train().height()).isEqualTo(8);
        assertThat(ds.train().width()).isEqualTo(6);
        assertThat(ds.train().labels()).containsExactly(0, 1, 1);
        int plane = 48;
        // a red image: red plane 1, green and blue 0 (PNG is lossless)
        int centre = 4 * 6 + 3;
        assertThat(ds.train().pixels()[144 + centre]).isEqualTo(1f);
        assertThat(ds.train().pixels()[144 + plane + centre]).isEqualTo(0f);
        // a blue JPEG: blue plane close to 1
        assertThat(ds.train().pixels()[2 * plane + centre]).isCloseTo(1f, within(0.05f));
        assertThat(ds.train().pixels()[centre]).isCloseTo(0f, within(0.05f));
        assertThat(ds.digest()).hasSize(64);
    }

    @Test
    void grayscaleTargetUsesLuma() throws IOException {
        image(dir.resolve("train/a/1.png"), 5, 5, new Color(255, 0, 0), "png");
        image(dir.resolve("train/b/1.png"), 5, 5, new Color(0, 255, 0), "png");
        image(dir.resolve("test/a/1.png"), 5, 5, Color.WHITE, "png");
        image(dir.resolve("test/b/1.png"), 5, 5, Color.BLACK, "png");
        LabeledDataset ds = Datasets.load("folder", dir, null, ImageShape.GRAY_28);
        assertThat(ds.train().channels()).isEqualTo(1);
        int centre = 14 * 28 + 14;
        assertThat(ds.train().pixels()[centre]).isCloseTo(0.299f, within(1e-3f));
        assertThat(ds.train().pixels()[784 + centre]).isCloseTo(0.587f, within(1e-3f));
        assertThat(ds.test().pixels()[centre]).isCloseTo(1f, within(1e-3f));
        assertThat(ds.test().pixels()[784 + centre]).isCloseTo(0f, within(1e-3f));
    }

    @Test
    void singleFolderHoldsOutAFixedSeededTestShare() throws IOException {
        for (int i = 0; i < 10; i++) {
            image(dir.resolve("cats/" + i + ".png"), 4, 4, new Color(i * 20, 0, 0), "png");
            image(dir.resolve("dogs/" + i + ".png"), 4, 4, new Color(0, i * 20, 0), "png");
        }
        image(dir.resolve("owls/only.png"), 4, 4, Color.WHITE, "png");

        LabeledDataset first = Datasets.load("folder", dir, 3, new ImageShape(3, 4, 4));
        LabeledDataset again = Datasets.load("folder", dir, 3, new ImageShape(3, 4, 4));

        assertThat(first.classNames()).containsExactly("cats", "dogs", "owls");
        // 20% of 10 = 2 per class; a class with one image keeps it for training
        assertThat(first.test().classCounts()).containsExactly(2, 2, 0);
        assertThat(first.train().classCounts()).containsExactly(8, 8, 1);
        assertThat(again.test().pixels()).containsExactly(first.test().pixels());
        assertThat(again.digest()).isEqualTo(first.digest());
    }

    @Test
    void corruptImageIsNamed() throws IOException {
        image(dir.resolve("a/1.png"), 4, 4, Color.RED, "png");
        image(dir.resolve("b/1.png"), 4, 4, Color.RED, "png");
        Path bad = dir.resolve("b/2.jpg");
        Files.writeString(bad, "this is not a jpeg");
        assertThatThrownBy(() -> Datasets.load("folder", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("not a readable JPEG or PNG");
    }

    @Test
    void badLayoutsAreRejected() throws IOException {
        image(dir.resolve("train/a/1.png"), 4, 4, Color.RED, "png");
        image(dir.resolve("train/b/1.png"), 4, 4, Color.RED, "png");
        image(dir.resolve("test/a/1.png"), 4, 4, Color.RED, "png");
        image(dir.resolve("test/c/1.png"), 4, 4, Color.RED, "png");
        assertThatThrownBy(() -> Datasets.load("folder", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train/ has classes [a, b] but test/ has [a, c]");

        Path empty = dir.resolve("other");
        Files.createDirectories(empty.resolve("x"));
        Files.createDirectories(empty.resolve("y"));
        image(empty.resolve("x/1.png"), 4, 4, Color.RED, "png");
        assertThatThrownBy(() -> Datasets.load("folder", empty, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds no JPEG or PNG images");

        image(empty.resolve("y/1.png"), 4, 4, Color.RED, "png");
        assertThat(Datasets.load("folder", empty, 2).numClasses()).isEqualTo(2);
        assertThatThrownBy(() -> Datasets.load("folder", empty, 5))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("has 2 classes, but 5 were expected");
    }
}
