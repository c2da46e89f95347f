package io.transferlab.contracts.model;

import java.util.List;

/**
 * Linear CKA between layer i of base network A (rows) and layer j of base network B (columns),
 * both 8x8, on {@code probeImages} probe inputs. {@code reduction} says how conv activations were
 * turned into vectors (for example "flatten" or "spatial-mean").
 */
public record CkaResult(List<List<Double>> linear, List<List<Double>> debiased, int probeImages, String reduction) {
    public CkaResult {
        linear = linear == null ? List.of() : linear.stream().map(List::copyOf).toList();
        debiased = debiased == null
                ? List.of()
                : debiased.stream().map(List::copyOf).toList();
    }
}
