package io.transferlab.trainer.storage;

/** An {@code s3://bucket/key} location. */
public record S3Uri(String bucket, String key) {
    public static final String SCHEME = "s3://";

    public S3Uri {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an s3 URI needs a bucket");
        }
        key = key == null ? "" : key;
    }

    public static S3Uri of(String bucket, String key) {
        return new S3Uri(bucket, key);
    }

    public static boolean isS3(String location) {
        return location != null && location.startsWith(SCHEME);
    }

    public static S3Uri parse(String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("not an s3:// URI: " + uri);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
