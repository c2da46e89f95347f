package io.transferlab.trainer.engine.data;

import java.nio.file.Path;

/** One dataset file that was read: its name, size and the SHA-256 (hex) of its bytes as stored. */
record HashedFile(Path file, long size, String sha256) {

    /** The line this file contributes to a dataset digest: name, size and content hash. */
    String digestLine() {
        return file.getFileName() + " " + size + " " + sha256;
    }
}
