package io.transferlab.launcher.stack;

import io.transferlab.launcher.LauncherException;
import io.transferlab.localstack.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks that turn the usual setup mistakes into one clear sentence each. */
public final class Preflight {

    public static final int MIN_JAVA = 17;
    static final List<String> FASHION_MNIST_FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private Preflight() {}

    public static void requireJava(int feature) {
        if (feature < MIN_JAVA) {
            throw new LauncherException("Java " + MIN_JAVA + " or newer is needed, this is Java " + feature
                    + ": install it (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless) and put it first on"
                    + " PATH or set JAVA_HOME");
        }
    }

    /** The Fashion-MNIST files under {@code <dataDir>/fashion-mnist}, gzipped or not. */
    public static void requireFashionMnist(Path dataDir) {
        Path dir = dataDir.resolve("fashion-mnist");
        List<String> missing = FASHION_MNIST_FILES.stream()
                .filter(f -> !Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz")))
                .toList();
        if (!missing.isEmpty()) {
            throw new LauncherException(
                    "The Fashion-MNIST dataset is missing in " + dir + " (no " + String.join(", ", missing)
                            + "). Install it with: sudo apt-get install dataset-fashion-mnist"
                            + " -- or on other systems download the four *-ubyte.gz files from"
                            + " https://github.com/zalandoresearch/fashion-mnist (data/fashion) into " + dir
                            + " (or point --data-dir at a folder holding fashion-mnist/)");
        }
    }

    public static void requireServiceJars(StackConfig config) {
        for (String service : StackConfig.SERVICES) {
            Path jar = config.serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new LauncherException("The " + service + " service is not built (" + jar + " is missing): run"
                        + " mvn -B package -DskipTests in " + config.projectDir() + " (./transferlab does it for you)");
            }
        }
    }

    public static void requirePortFree(int port, String what) {
        if (port == 0) {
            return;
        }
        try {
            Ports.requireFree(port, what);
        } catch (Ports.PortInUseException e) {
            throw new LauncherException(e.getMessage() + " (is a stack already up? ./transferlab down)", e);
        }
    }
}
