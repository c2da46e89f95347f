package io.transferlab.kafka;

import io.smallrye.faulttolerance.api.Guard;
import io.transferlab.contracts.events.TransferLabEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Publishes what a consumer answers to one record (its decisions, a rejection, a dead letter) so that no
 * record can stall the consumer: a failed publish is retried with exponential backoff for at most
 * {@code patience} ({@link BackoffRetry}, metered as {@value #RETRY_NAME}); if Kafka refuses the answer
 * itself (too large) or the patience runs out, a minimal dead letter ({@link DeadLetters#minimal}) takes its place and the record counts as handled
 * ({@link Outcome#SKIPPED}). Only when not even that is acknowledged, Kafka itself is out of reach and
 * {@link PublishException} reaches the caller, which then reads the record again later (never at once). A
 * fenced publisher ({@link FencedException}) fails at once: its owner no longer decides anything.
 */
public final class AnswerPublisher {
    /** How a record's answer ended. */
    public enum Outcome {
        /** The answer is published. */
        ANSWERED,
        /** The answer could not be published; a minimal dead letter stands in for it. */
        SKIPPED
    }

    /** The {@code method} tag of the retry metrics ({@code ft.retry.retries.total{method="kafka.answer"}}). */
    public static final String RETRY_NAME = "kafka.answer";

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final AcknowledgedPublisher publisher;
    private final String consumer;
    private final Guard guard;

    /**
     * @param consumer the name dead letters give as the consumer that could not process a record
     * @param patience how long to retry an answer before the record is skipped
     */
    public AnswerPublisher(AcknowledgedPublisher publisher, String consumer, Duration patience) {
        this.publisher = publisher;
        this.consumer = consumer;
        this.guard = new BackoffRetry(RETRY_NAME, FIRST_BACKOFF, MAX_BACKOFF, patience)
                .guard(
                        failure -> failure instanceof PublishException e
                                && !(e instanceof FencedException)
                                && !e.recordRefused(),
                        failure -> {});
    }

    public AcknowledgedPublisher publisher() {
        return publisher;
    }

    /**
     * Publishes the answer to {@code record}.
     *
     * @throws PublishException when neither the answer nor a minimal dead letter could be published
     */
    public Outcome answer(ConsumerRecord<String, byte[]> record, List<? extends TransferLabEvent> answer) {
        if (answer.isEmpty()) {
            return Outcome.ANSWERED;
        }
        PublishException failure = tryPatiently(answer);
        if (failure == null) {
            return Outcome.ANSWERED;
        }
        publisher.publish(DeadLetters.minimal(
                record,
                "the answer to this record could not be published (" + failure.getMessage()
                        + "); the record is skipped",
                consumer));
        return Outcome.SKIPPED;
    }

    /**
     * Dead-letters {@code record} with everything it held (bounded), or minimally when that cannot be published.
     *
     * @throws PublishException when not even the minimal dead letter could be published
     */
    public Outcome deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        PublishException failure = tryPatiently(List.of(DeadLetters.of(record, reason, consumer)));
        if (failure == null) {
            return Outcome.ANSWERED;
        }
        publisher.publish(DeadLetters.minimal(record, reason, consumer));
        return Outcome.SKIPPED;
    }

    /** Null once published; the last failure when the answer was refused or the patience ran out. */
    private PublishException tryPatiently(List<? extends TransferLabEvent> events) {
        try {
            guard.call(
                    () -> {
                        publisher.publish(events);
                        return null;
                    },
                    Void.class);
            return null;
        } catch (FencedException e) {
            throw e; // a newer publisher took over: no retry can help, and no dead letter would get through
        } catch (PublishException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishException("interrupted while publishing an answer", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("publishing an answer failed unexpectedly", e);
        }
    }
}
