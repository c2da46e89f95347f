package io.transferlab.contracts.catalog;

/** An architecture preset of the 8-weight-layer family and the image shape its input layer takes. */
public record ArchitectureEntry(String preset, ImageShape input) {

    public ArchitectureEntry {
        if (preset == null || preset.isBlank() || input == null) {
            throw new IllegalArgumentException("an architecture has a preset name and an input shape");
        }
    }
}
