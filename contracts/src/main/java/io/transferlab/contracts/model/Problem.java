package io.transferlab.contracts.model;

import io.transferlab.contracts.Bounded;

/**
 * One thing wrong with a request: the JSON path of the field and what is wrong with it. Both are
 * bounded ({@link Bounded}): a problem quoting a huge input stays small.
 */
public record Problem(String field, String problem) {
    public Problem {
        if (field == null || problem == null) {
            throw new IllegalArgumentException("a problem needs a field and a description");
        }
        field = Bounded.id(field);
        problem = Bounded.text(problem, Bounded.TEXT);
    }
}
