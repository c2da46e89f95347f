package io.transferlab.trainer.training;

import io.transferlab.trainer.engine.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J backend this trainer loaded ({@code cpu} or {@code cuda}) and the device it computes on. */
public record BackendInfo(String backend, String device, String description) {

    /** Loads ND4J (seconds on first use) and describes it. */
    public static BackendInfo detect() {
        boolean cpu = Nd4j.getEnvironment().isCPU();
        String device = cpu ? cpuModel() : cudaDevice();
        return new BackendInfo(cpu ? "cpu" : "cuda", device, JobRunner.backendDescription());
    }

    private static String cudaDevice() {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        Object devices = info.get("cuda.devicesInformation");
        if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            Object name = first.get("cuda.deviceName");
            if (name != null) {
                return name.toString();
            }
        }
        return "cuda device";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the architecture
        }
        return System.getProperty("os.arch");
    }
}
