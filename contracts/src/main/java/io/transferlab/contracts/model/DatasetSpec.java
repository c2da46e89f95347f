package io.transferlab.contracts.model;

/**
 * A dataset named in a request: {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100}
 * or {@code folder}. The location is optional: a local path or an {@code s3://bucket/prefix} URI.
 * {@code numClasses} is needed only for {@code folder} datasets, whose classes the coordinator cannot see.
 */
public record DatasetSpec(String name, String location, Integer numClasses) {
    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset.name is required");
        }
    }

    public static DatasetSpec named(String name) {
        return new DatasetSpec(name, null, null);
    }
}
