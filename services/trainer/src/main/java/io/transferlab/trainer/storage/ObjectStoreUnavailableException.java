package io.transferlab.trainer.storage;

/** The object store did not answer (or kept failing) for longer than the retry window; another attempt may work. */
public class ObjectStoreUnavailableException extends RuntimeException {
    public ObjectStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
