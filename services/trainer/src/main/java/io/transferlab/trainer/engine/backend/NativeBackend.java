package io.transferlab.trainer.engine.backend;

import org.deeplearning4j.config.DL4JClassLoading;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Switches DL4J's oneDNN layer helpers on before any network is built. In M2.1 they are off unless the
 * system property {@value #HELPERS_DISABLE} is "false" AND the old-name environment class
 * ({@link org.nd4j.nativeblas.Nd4jCpu}) is on the class path; see docs/DL4J-ON-CPU.md.
 * Every engine entry point calls {@link #ensureConfigured()} first.
 */
public final class NativeBackend {
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean configured;

    private NativeBackend() {}

    public static synchronized void ensureConfigured() {
        if (configured) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        Nd4j.getEnvironment().allowHelpers(!Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE)));
        // DL4J looks the shim up through its own class loader; under an application server (Quarkus) that may
        // be a parent of the one that loaded the shim, so point DL4J at ours, which sees both.
        DL4JClassLoading.setDl4jClassloaderFromClass(NativeBackend.class);
        configured = true;
    }

    /** True when DL4J's own check (the one that decides whether layers get oneDNN helpers) passes. */
    public static boolean oneDnnAvailable() {
        ensureConfigured();
        try {
            return "CPU".equalsIgnoreCase(backendName()) && BaseMKLDNNHelper.mklDnnEnabled();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** For example "cpu (nd4j-native onednn, 2 threads)" or "cuda (NVIDIA H100)". */
    public static String describe() {
        ensureConfigured();
        String backend = backendName();
        if ("CUDA".equalsIgnoreCase(backend)) {
            Object devices = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            return "cuda (" + (devices == null ? "unknown device" : devices) + ")";
        }
        int threads = threads();
        return "cpu (nd4j-native " + (oneDnnAvailable() ? "onednn" : "plain") + ", " + threads + " threads)";
    }

    /** OpenMP threads a job's operations use on the CPU backend (OMP_NUM_THREADS, by default the cores). */
    public static int threads() {
        ensureConfigured();
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    private static String backendName() {
        return String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }
}
