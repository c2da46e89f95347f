package io.transferlab.launcher;

/**
 * Something the user can fix; the CLI prints the message (no stack trace) and exits with the
 * exception's {@link ExitCode} ({@link ExitCode#ERROR} unless said otherwise).
 */
public class LauncherException extends RuntimeException {

    private final ExitCode exitCode;

    public LauncherException(String message) {
        this(message, ExitCode.ERROR, null);
    }

    public LauncherException(String message, Throwable cause) {
        this(message, ExitCode.ERROR, cause);
    }

    public LauncherException(String message, ExitCode exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
