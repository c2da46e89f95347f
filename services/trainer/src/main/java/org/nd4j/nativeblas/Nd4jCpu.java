package org.nd4j.nativeblas;

/**
 * Compatibility shim, not part of ND4J. DL4J 1.0.0-M2.1 decides whether to use its oneDNN conv/pool/LRN
 * helpers by reflecting on {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN}, a class name from
 * older ND4J releases; the M2.1 native jar keeps that environment under
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} with the method {@code isUseONEDNN}. Without this class the
 * check fails silently and training is about 5x slower (docs/DL4J-ON-CPU.md).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    /** The old-name view of the native environment that DL4J's helper check reflects on. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                    .isUseONEDNN();
        }

        public void setUseMKLDNN(boolean use) {
            org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                    .setUseONEDNN(use);
        }
    }
}
