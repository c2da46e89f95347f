package io.transferlab.contracts.model;

/**
 * The 8-weight-layer network family. {@code preset} is {@code tl8-gray28} (28x28 grayscale) or
 * {@code tl8-color32} (32x32 colour); null means the default for the dataset. {@code width} scales
 * every layer's channel or unit count (1.0 = the preset); {@code dropout} is the rate after layers 6 and 7.
 */
public record ArchitectureSpec(String preset, Double width, Double dropout) {
    public static final String GRAY28 = "tl8-gray28";
    public static final String COLOR32 = "tl8-color32";

    public ArchitectureSpec {
        if (width == null) {
            width = 1.0;
        }
        if (dropout == null) {
            dropout = 0.5;
        }
    }

    public static ArchitectureSpec defaults() {
        return new ArchitectureSpec(null, null, null);
    }

    public ArchitectureSpec withPreset(String newPreset) {
        return new ArchitectureSpec(newPreset, width, dropout);
    }
}
