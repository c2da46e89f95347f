package io.transferlab.coordinator.request;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a request may point its dataset. Trainers read whatever a request names, so a location is
 * trusted only below a configured local root or in a configured bucket; the checkpoint bucket never,
 * whatever the configuration says, since a request could otherwise read or probe other experiments'
 * networks.
 *
 * @param roots            local folders a location may lie below (absolute)
 * @param buckets          S3 buckets a location may name
 * @param checkpointBucket the trainers' checkpoint bucket, always refused
 */
public record DatasetLocations(List<Path> roots, Set<String> buckets, String checkpointBucket) {
    public static final String DEFAULT_ROOT = "/usr/share/datasets";
    public static final String DEFAULT_CHECKPOINT_BUCKET = "transferlab";
    private static final String S3 = "s3://";
    private static final String FILE = "file:";

    public DatasetLocations {
        roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        buckets = Set.copyOf(buckets);
    }

    /** The local stack's policy: the Debian dataset folder, no bucket. */
    public static DatasetLocations defaults() {
        return new DatasetLocations(List.of(Path.of(DEFAULT_ROOT)), Set.of(), DEFAULT_CHECKPOINT_BUCKET);
    }

    /** Why a location is not allowed, or empty when it is. */
    public Optional<String> problem(String location) {
        if (location.startsWith(S3)) {
            return bucketProblem(location.substring(S3.length()));
        }
        String path = location.startsWith(FILE) ? location.substring(FILE.length()) : location;
        if (path.contains("://")) {
            return Optional.of("must be a local path or an s3://bucket/prefix URI");
        }
        return pathProblem(path);
    }

    private Optional<String> bucketProblem(String rest) {
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.equals(checkpointBucket)) {
            return Optional.of("names the checkpoint bucket '" + checkpointBucket + "', which holds no datasets");
        }
        if (!buckets.contains(bucket)) {
            String allowed = buckets.isEmpty()
                    ? "none"
                    : String.join(", ", buckets.stream().sorted().toList());
            return Optional.of("bucket '" + bucket + "' is not a dataset bucket; allowed: " + allowed
                    + " (transferlab.coordinator.dataset-buckets)");
        }
        if (hasParentSegment(rest)) {
            return Optional.of("must not contain '..' segments");
        }
        return Optional.empty();
    }

    private Optional<String> pathProblem(String raw) {
        if (hasParentSegment(raw)) {
            return Optional.of("must not contain '..' segments");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path");
        }
        if (!path.isAbsolute()) {
            return Optional.of("must be an absolute path");
        }
        Path normal = path.normalize();
        for (Path root : roots) {
            if (normal.startsWith(root) && !normal.equals(root)) {
                return Optional.empty();
            }
        }
        return Optional.of("must lie below a dataset root: "
                + String.join(", ", roots.stream().map(Path::toString).toList())
                + " (transferlab.coordinator.dataset-roots)");
    }

    private static boolean hasParentSegment(String location) {
        for (String segment : location.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
