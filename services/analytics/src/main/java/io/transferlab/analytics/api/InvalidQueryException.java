package io.transferlab.analytics.api;

/** A query that cannot be answered as asked; {@link InvalidQueryMapper} makes it a 400 with the reason. */
public class InvalidQueryException extends RuntimeException {
    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
