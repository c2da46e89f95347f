package io.transferlab.launcher;

/** Something the user can fix; the CLI prints the message (no stack trace) and exits with status 1. */
public class LauncherException extends RuntimeException {

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
