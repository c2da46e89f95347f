package io.transferlab.analytics.service;

import io.transferlab.contracts.events.TransferScoresComputed;

/** Where scores go once computed; the messaging layer publishes them on {@code transferlab.scores}. */
public interface ScoresSink {
    /** Returns true once the event is durably published. */
    boolean publish(TransferScoresComputed scores);
}
