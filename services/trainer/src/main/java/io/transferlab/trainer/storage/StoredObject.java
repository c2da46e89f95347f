package io.transferlab.trainer.storage;

/** An object that is durable in the store: its key, size and the SHA-256 (hex) of its bytes. */
public record StoredObject(String bucket, String key, long sizeBytes, String sha256) {
    public String uri() {
        return S3Uri.of(bucket, key).toString();
    }
}
