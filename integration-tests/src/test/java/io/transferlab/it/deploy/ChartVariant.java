package io.transferlab.it.deploy;

import java.nio.file.Path;
import java.util.Optional;

/** The chart's documented variants: the default values and the values files under helm/transferlab/ci/. */
public enum ChartVariant {
    DEFAULT(null),
    CUDA("ci/cuda-values.yaml"),
    KEDA("ci/keda-values.yaml"),
    SERVICE_MONITOR("ci/servicemonitor-values.yaml"),
    EXISTING_SECRET("ci/existing-secret-values.yaml"),
    ALERTS("ci/alerts-values.yaml");

    private final String valuesFile;

    ChartVariant(String valuesFile) {
        this.valuesFile = valuesFile;
    }

    public Optional<Path> valuesFile() {
        return Optional.ofNullable(valuesFile).map(f -> ProjectLayout.chart().resolve(f));
    }
}
