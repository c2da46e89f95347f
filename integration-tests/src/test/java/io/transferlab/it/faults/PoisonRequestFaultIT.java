package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Problem;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.RecordInspector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison on the wire against the running processes: a request whose rejection would be huge, a
 * 300,000-character CloudEvents id, wrong JSON types, events on topics where they do not belong, and a
 * finished job's record delivered again. Each gets a bounded answer or is harmless, and the system
 * goes on to complete a real experiment.
 */
class PoisonRequestFaultIT {

    /** An answer is a small event whatever its input: problem lists capped, ids and headers truncated. */
    private static final int MAX_ANSWER_BYTES = 32 * 1024;

    private static FaultStack stack;

    @BeforeAll
    static void start() {
        stack = FaultStack.start("poison", Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void poisonRequestsGetBoundedAnswersAndAValidRequestBehindThemCompletes() {
        Instant started = Instant.now();
        TinyExperiment valid = TinyExperiment.named("poison-valid", List.of(1, 7), 1, 20);
        ExperimentRequested validRequest = valid.request();

        // 30,000 negative seeds: one problem each, a 2 MB rejection if nothing bounded it. Same key as the valid
        // request, so the valid one waits behind it on the same partition.
        String seedsId = valid.experimentId() + "-seeds";
        ObjectNode seeds = body(new TinyExperiment(seedsId, List.of(1), 1, 20));
        ArrayNode bad = seeds.putArray("seeds");
        for (int i = 1; i <= 30_000; i++) {
            bad.add(-i);
        }
        byte[] seedsBody = EventCodec.toJson(seeds);
        assertThat(seedsBody.length).isGreaterThan(100_000);
        stack.send(Topics.EXPERIMENT_REQUESTS, validRequest.key(), seedsBody, headers("seeds-" + seedsId));

        // A sound request under a 300,000-character ce_id, with a 300,000-character extra header.
        String hugeHeaderId = valid.experimentId() + "-huge-header";
        Map<String, String> huge = headers("h".repeat(300_000));
        huge.put("x-junk", "j".repeat(300_000));
        RecordMetadata hugeAt = stack.send(
                Topics.EXPERIMENT_REQUESTS,
                hugeHeaderId,
                EventCodec.toJson(body(new TinyExperiment(hugeHeaderId, List.of(1), 1, 20))),
                huge);

        // Every field of the wrong JSON type.
        String wrongId = valid.experimentId() + "-wrong-types";
        byte[] wrongTypes = ("{'experimentId':'" + wrongId + "','dataset':42,'seeds':'many','arms':{'a':1},"
                        + "'training':{'epochs':'ten'},'layerCuts':[true]}")
                .replace('\'', '"')
                .getBytes(StandardCharsets.UTF_8);
        stack.send(Topics.EXPERIMENT_REQUESTS, wrongId, wrongTypes, headers("wrong-types-" + wrongId));

        // Events on topics where they do not belong: one the coordinator reads, one the trainer reads.
        ExperimentCancelled stray =
                new ExperimentCancelled(null, null, 0, valid.experimentId() + "-stray", "wrong topic");
        RecordMetadata strayOnJobEvents = stack.send(
                Topics.JOB_EVENTS,
                stray.key(),
                EventCodec.toJson(stray),
                EventRecords.headers(stray, "/transferlab/fault-suite"));
        RecordMetadata strayOnTrainingJobs = stack.send(
                Topics.TRAINING_JOBS,
                stray.key(),
                EventCodec.toJson(stray),
                EventRecords.headers(stray, "/transferlab/fault-suite"));

        stack.publish(validRequest);

        await("answers to every poison record")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    TopicLedger ledger = TopicLedger.read(stack.bootstrap());
                    return rejection(ledger, seedsId).isPresent()
                            && rejection(ledger, wrongId).isPresent()
                            && deadLetter(ledger, hugeAt, Topics.EXPERIMENT_REQUESTS)
                                    .isPresent()
                            && deadLetter(ledger, strayOnJobEvents, Topics.JOB_EVENTS)
                                    .isPresent()
                            && deadLetter(ledger, strayOnTrainingJobs, Topics.TRAINING_JOBS)
                                    .isPresent();
                });
        TopicLedger ledger = TopicLedger.read(stack.bootstrap());
        ExperimentRejected seedsAnswer = rejection(ledger, seedsId).orElseThrow();
        assertThat(seedsAnswer.problems().get(seedsAnswer.problems().size() - 1).problem())
                .endsWith("more problems not listed");
        assertThat(rejection(ledger, wrongId).orElseThrow().problems())
                .extracting(Problem::field)
                .contains("dataset", "seeds", "arms");
        DeadLettered hugeAnswer =
                deadLetter(ledger, hugeAt, Topics.EXPERIMENT_REQUESTS).orElseThrow();
        assertThat(hugeAnswer.reason()).contains("ce_id of 300000 characters");
        assertThat(deadLetter(ledger, strayOnJobEvents, Topics.JOB_EVENTS)
                        .orElseThrow()
                        .reason())
                .contains("does not belong on " + Topics.JOB_EVENTS);
        assertThat(deadLetter(ledger, strayOnTrainingJobs, Topics.TRAINING_JOBS)
                        .orElseThrow()
                        .reason())
                .contains("does not belong on " + Topics.TRAINING_JOBS);
        assertThat(ledger.events(ExperimentAccepted.class))
                .as("nothing of the poison accepted")
                .noneMatch(a -> a.experimentId().startsWith(hugeHeaderId)
                        || a.experimentId().equals(seedsId)
                        || a.experimentId().equals(wrongId));
        for (ConsumerRecord<String, byte[]> answer : ledger.records()) {
            if (answer.topic().equals(Topics.EXPERIMENT_EVENTS)
                    || answer.topic().equals(Topics.DEAD_LETTERS)) {
                assertThat(size(answer))
                        .as("answer at " + answer.topic() + "/" + answer.offset())
                        .isLessThan(MAX_ANSWER_BYTES);
            }
        }

        assertThat(stack.awaitFinished(valid.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, valid.experimentId());
        audit.assertClean(valid);
        stack.assertNoRestarts();
        FaultFigures.record(
                "a. poison requests (30,000 bad seeds, 300,000-char ce_id, wrong types, events on the"
                        + " wrong topic for the coordinator and the trainer), then a valid request",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    @Test
    void aFinishedJobsRecordPublishedAgainIsNotTrainedAgainAndKeepsItsDigest() {
        Instant started = Instant.now();
        TinyExperiment experiment = TinyExperiment.named("duplicate-record", List.of(3), 1, 20);
        stack.publish(experiment.request());
        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        TopicLedger before = TopicLedger.read(stack.bootstrap());
        String jobId = experiment.experimentId() + ".transfer.n3.AB.s0";
        ConsumerRecord<String, byte[]> original = before.entries(TrainingJobRequested.class).stream()
                .filter(e -> ((TrainingJobRequested) e.event()).jobId().equals(jobId))
                .map(TopicLedger.Entry::record)
                .reduce((first, last) -> last)
                .orElseThrow();
        List<JobCompleted> completedBefore = before.jobEvents(JobCompleted.class, jobId);
        int startsBefore = before.jobEvents(JobStarted.class, jobId).size();
        assertThat(completedBefore).isNotEmpty();
        String digest = completedBefore.get(0).result().checkpointSha256();

        stack.send(Topics.TRAINING_JOBS, original.key(), original.value(), RecordInspector.headers(original));

        // The trainer answers the delivered-again record with the stored result instead of training again.
        await("the duplicate answered")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> TopicLedger.read(stack.bootstrap())
                                .jobEvents(JobCompleted.class, jobId)
                                .size()
                        > completedBefore.size());
        TopicLedger after = TopicLedger.read(stack.bootstrap());
        assertThat(after.jobEvents(JobStarted.class, jobId))
                .as("JobStarted of " + jobId)
                .hasSize(startsBefore);
        assertThat(after.jobEvents(JobCompleted.class, jobId))
                .extracting(c -> c.result().checkpointSha256())
                .containsOnly(digest);
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        stack.assertNoRestarts();
        FaultFigures.record(
                "b. a finished job's record published again on training-jobs",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    private static Optional<ExperimentRejected> rejection(TopicLedger ledger, String experimentId) {
        return ledger.events(ExperimentRejected.class).stream()
                .filter(r -> experimentId.equals(r.experimentId()))
                .findFirst();
    }

    private static Optional<DeadLettered> deadLetter(TopicLedger ledger, RecordMetadata where, String topic) {
        Predicate<DeadLettered> same = d -> topic.equals(d.originalTopic())
                && d.originalPartition() == where.partition()
                && d.originalOffset() == where.offset();
        return ledger.events(DeadLettered.class).stream().filter(same).findFirst();
    }

    /** A request as a client writes it: the CloudEvents id goes in the header, not in the body. */
    private static ObjectNode body(TinyExperiment experiment) {
        ObjectNode body = EventCodec.mapper().valueToTree(experiment.request());
        body.remove(List.of("eventId", "occurredAt", "schemaVersion"));
        return body;
    }

    private static int size(ConsumerRecord<String, byte[]> record) {
        int bytes = record.value() == null ? 0 : record.value().length;
        for (var header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    private static Map<String, String> headers(String ceId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(
                CloudEventHeaders.TYPE,
                io.transferlab.contracts.EventTypes.of(ExperimentRequested.class)
                        .ceType());
        headers.put(CloudEventHeaders.SOURCE, "/transferlab/fault-suite");
        headers.put(CloudEventHeaders.ID, ceId);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }
}
