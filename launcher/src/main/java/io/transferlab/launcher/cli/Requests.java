package io.transferlab.launcher.cli;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.LauncherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Experiment requests from files, and the built-in demo presets used when the example files are absent. */
public final class Requests {

    private Requests() {}

    /** Reads and checks a request file (JSON body of {@code ExperimentRequested}). */
    public static ExperimentRequested read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LauncherException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return EventCodec.fromJson(bytes, ExperimentRequested.class);
        } catch (EventCodec.MalformedEventException e) {
            throw new LauncherException(
                    file + " is not a valid experiment request: " + e.getMessage(), ExitCode.REJECTED, e);
        }
    }

    /**
     * The demo request: {@code contracts/examples/demo-request.json} (or {@code full-request.json}
     * with {@code full}) under the project folder, else the built-in preset.
     */
    public static ExperimentRequested demo(Path projectDir, boolean full, Path dataDir) {
        Path file = projectDir.resolve("contracts/examples").resolve(full ? "full-request.json" : "demo-request.json");
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        return full ? fullPreset(dataDir) : demoPreset(dataDir);
    }

    /**
     * Fashion-MNIST, random split, both bases, selffer, transfer and both fine-tuned arms at n = 1, 4
     * and 7, one seed, small and short: minutes on two cores.
     */
    static ExperimentRequested demoPreset(Path dataDir) {
        TrainingSettings training = new TrainingSettings(2, 64, 0.01, 0, 0.1, 0.9, 5e-4, 300, 0.1, 1);
        return ExperimentRequested.of(
                null,
                fashionMnist(dataDir),
                SplitSpec.random(0),
                new ArchitectureSpec(ArchitectureSpec.GRAY28, null, null),
                ExperimentRequested.DEFAULT_ARMS,
                List.of(1, 4, 7),
                Direction.BOTH,
                List.of(0L),
                training,
                false,
                0,
                Map.of("preset", "demo"),
                ExperimentRequested.REPLICATE_OVER_SPLITS);
    }

    /** The whole grid: every cut, both directions, three seeds, full data. */
    static ExperimentRequested fullPreset(Path dataDir) {
        TrainingSettings training = new TrainingSettings(3, 64, 0.01, 2, 0.1, 0.9, 5e-4, null, 0.1, 1);
        return ExperimentRequested.of(
                null,
                fashionMnist(dataDir),
                SplitSpec.random(0),
                new ArchitectureSpec(ArchitectureSpec.GRAY28, null, null),
                ExperimentRequested.DEFAULT_ARMS,
                ExperimentRequested.DEFAULT_LAYER_CUTS,
                Direction.BOTH,
                List.of(0L, 1L, 2L),
                training,
                false,
                0,
                Map.of("preset", "full"),
                ExperimentRequested.REPLICATE_OVER_SPLITS);
    }

    /** By name: the trainer finds it under its data dir ({@code transferlab.trainer.data-dir}). */
    private static DatasetSpec fashionMnist(Path dataDir) {
        return DatasetSpec.named(DatasetCatalog.FASHION_MNIST);
    }
}
