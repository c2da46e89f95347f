package io.transferlab.trainer.engine;

/** Bad input that another attempt will not fix: corrupt/foreign checkpoint, bad dataset files, invalid split. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
