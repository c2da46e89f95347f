package io.transferlab.trainer.engine.bench;

import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.JobRunner;
import io.transferlab.trainer.engine.data.Datasets;
import io.transferlab.trainer.engine.data.ImageSet;
import io.transferlab.trainer.engine.data.LabeledDataset;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.network.Tl8Network;
import io.transferlab.trainer.engine.training.Trainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Training throughput of the default 28x28 network on Fashion-MNIST (all 10 classes), for
 * {@code ./benchmarks/training.sh}, which runs the PyTorch reference of the same network in the same run.
 * Prints {@code dl4j batch=B img_per_s=X img_per_cpu_s=C heap_peak_mib=H offheap_peak_mib=O rss_peak_mib=R};
 * off-heap is resident memory minus the committed Java heap (native arrays, workspaces, oneDNN, JVM metadata).
 * Not a test: timing is never asserted.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path data = Path.of(opt.getOrDefault("data", "/usr/share/datasets/fashion-mnist"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "64"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        int iterations = Integer.parseInt(opt.getOrDefault("iterations", "60"));
        double width = Double.parseDouble(opt.getOrDefault("width", "1.0"));

        LabeledDataset ds = Datasets.load("fashion-mnist", data, null);
        ImageSet train = normalised(ds.train());
        NetworkSpec spec = new NetworkSpec(ArchitectureSpec.GRAY28, 1, 28, 28, width, 0.5, ds.numClasses());
        MultiLayerNetwork net = Tl8Network.create(spec, TrainingSettings.defaults(), 0, 1);
        System.out.println("dl4j backend=\"" + JobRunner.backendDescription() + "\" network=\"" + spec.describe()
                + "\" params=" + net.numParams());

        int[] order = new int[train.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long heapPeak = 0;
        long offHeapPeak = 0;
        long start = 0;
        long cpuStart = 0;
        for (int it = 0; it < warmup + iterations; it++) {
            if (it == warmup) {
                start = System.nanoTime();
                cpuStart = processCpuNanos();
            }
            int from = (it * batch) % (train.count() - batch);
            net.fit(Trainer.batchOf(train, order, from, from + batch, true));
            heapPeak = Math.max(heapPeak, heapUsed());
            offHeapPeak = Math.max(offHeapPeak, currentRssBytes() - heapCommitted());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        double imgPerS = iterations * (double) batch / seconds;
        System.out.printf(
                "dl4j batch=%d img_per_s=%.1f img_per_cpu_s=%.1f heap_peak_mib=%.0f offheap_peak_mib=%.0f rss_peak_mib=%.0f "
                        + "loss=%.4f%n",
                batch,
                imgPerS,
                iterations * (double) batch / cpuSeconds,
                heapPeak / 1048576.0,
                offHeapPeak / 1048576.0,
                peakRssBytes() / 1048576.0,
                net.score());
    }

    /** CPU time of the whole process (all threads), which a busy machine inflates far less than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapCommitted() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** Resident set now (from /proc/self/statm), so RSS minus committed heap approximates off-heap use. */
    private static long currentRssBytes() {
        try {
            String[] statm =
                    Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(statm[1]) * 4096;
        } catch (IOException | RuntimeException e) {
            return Pointer.physicalBytes();
        }
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

    /** The process's peak resident set (VmHWM), or the current physical bytes where /proc is missing. */
    private static long peakRssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return Pointer.physicalBytes();
    }

    private static ImageSet normalised(ImageSet raw) {
        double sum = 0;
        double sq = 0;
        for (float p : raw.pixels()) {
            sum += p;
            sq += (double) p * p;
        }
        double mean = sum / raw.pixels().length;
        double std = Math.sqrt(Math.max(1e-12, sq / raw.pixels().length - mean * mean));
        float[] out = new float[raw.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((raw.pixels()[i] - mean) / std);
        }
        return new ImageSet(
                raw.count(), raw.channels(), raw.height(), raw.width(), out, raw.labels(), raw.numClasses());
    }
}
