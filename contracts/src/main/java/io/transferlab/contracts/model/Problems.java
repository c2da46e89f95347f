package io.transferlab.contracts.model;

import java.util.ArrayList;
import java.util.List;

/** A bounded list of problems: one request with 30,000 bad values still gets an answer of a few KiB. */
public final class Problems {
    /** The most problems an answer lists; the last entry then counts the ones left out. */
    public static final int MAX = 50;

    private Problems() {}

    /**
     * The list itself when it has at most {@link #MAX} entries, else its first {@code MAX - 1} and one
     * problem at {@code $} saying how many more there are.
     */
    public static List<Problem> capped(List<Problem> problems) {
        if (problems.size() <= MAX) {
            return problems;
        }
        List<Problem> kept = new ArrayList<>(problems.subList(0, MAX - 1));
        kept.add(new Problem("$", "and " + (problems.size() - kept.size()) + " more problems not listed"));
        return kept;
    }
}
