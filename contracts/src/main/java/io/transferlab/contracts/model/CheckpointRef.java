package io.transferlab.contracts.model;

/** A checkpoint object in the store, produced by a job, with the SHA-256 of its bytes. */
public record CheckpointRef(String jobId, String uri, String sha256) {
    public CheckpointRef {
        if (jobId == null || uri == null || sha256 == null) {
            throw new IllegalArgumentException("a checkpoint reference needs jobId, uri and sha256");
        }
    }
}
