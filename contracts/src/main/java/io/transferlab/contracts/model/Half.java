package io.transferlab.contracts.model;

/** One half of a class split. */
public enum Half {
    A,
    B;

    public Half other() {
        return this == A ? B : A;
    }
}
