package io.transferlab.trainer.storage;

/** The object store answered, and the object is not there. */
public class ObjectMissingException extends RuntimeException {
    public ObjectMissingException(String message) {
        super(message);
    }
}
