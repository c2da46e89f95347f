package io.transferlab.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of {@code ./transferlab}, one per outcome a script may want to tell apart. The
 * list is printed by {@code --help} and repeated in the README.
 */
public enum ExitCode {
    OK(0, "success: the command did what it was asked (an experiment it waited for completed)"),
    ERROR(1, "error: the stack cannot be started or reached, a file cannot be read, a wait timed out"),
    USAGE(2, "usage error: unknown command or option, a missing or invalid argument"),
    REJECTED(3, "the request was rejected (not a valid request file, or the coordinator said no; reasons printed)"),
    FAILED(4, "the experiment failed"),
    CANCELLED(5, "the experiment was cancelled");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The list for picocli's help section: status to meaning, in order. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            list.put(String.valueOf(exit.code), exit.meaning);
        }
        return list;
    }
}
