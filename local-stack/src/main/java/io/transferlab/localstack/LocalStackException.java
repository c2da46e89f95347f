package io.transferlab.localstack;

/** A piece of the local stack could not start or answer; the message says why and shows the log tail. */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
