package io.transferlab.contracts.model;

import java.util.List;

/** First-layer convolution filters of a network, row-major [count][channels][height][width]. */
public record FilterBank(int count, int channels, int height, int width, List<Double> values) {
    public FilterBank {
        values = values == null ? List.of() : List.copyOf(values);
        if ((long) count * channels * height * width != values.size()) {
            throw new IllegalArgumentException("filter bank of " + count + "x" + channels + "x" + height + "x" + width
                    + " needs that many values, got " + values.size());
        }
    }
}
