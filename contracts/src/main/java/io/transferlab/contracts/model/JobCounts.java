package io.transferlab.contracts.model;

/** How many of an experiment's jobs are in each state. */
public record JobCounts(int total, int pending, int dispatched, int running, int succeeded, int failed, int cancelled) {
    public JobCounts {
        if (total < 0 || pending < 0 || dispatched < 0 || running < 0 || succeeded < 0 || failed < 0 || cancelled < 0) {
            throw new IllegalArgumentException("job counts cannot be negative");
        }
    }

    public int terminal() {
        return succeeded + failed + cancelled;
    }
}
