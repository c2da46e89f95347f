package io.transferlab.trainer.engine.data;

import io.transferlab.trainer.engine.InvalidInputException;

/** A class split that cannot be used (overlap, unknown class, empty half, unknown preset); the message says why. */
public class InvalidSplitException extends InvalidInputException {

    public InvalidSplitException(String message) {
        super(message);
    }

    public InvalidSplitException(String message, Throwable cause) {
        super(message, cause);
    }
}
