package io.transferlab.trainer.engine.data;

import io.transferlab.trainer.engine.InvalidInputException;

/**
 * A dataset that cannot be used: missing, truncated or corrupt files, unknown names. The message
 * names the file and what is wrong. Another attempt with the same input will not fix it.
 */
public class DatasetException extends InvalidInputException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
