package io.transferlab.contracts.model;

/** One thing wrong with a request: the JSON path of the field and what is wrong with it. */
public record Problem(String field, String problem) {
    public Problem {
        if (field == null || problem == null) {
            throw new IllegalArgumentException("a problem needs a field and a description");
        }
    }
}
