package io.transferlab.trainer.storage;

/** An object's bytes do not match the SHA-256 it was stored or referenced with; another attempt will not fix it. */
public class CorruptObjectException extends RuntimeException {
    public CorruptObjectException(String message) {
        super(message);
    }
}
