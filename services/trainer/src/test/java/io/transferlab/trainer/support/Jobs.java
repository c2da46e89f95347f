package io.transferlab.trainer.support;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.kafka.EventRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Tiny jobs (a few hundred Fashion-MNIST images, a narrow network) and a producer playing the coordinator. */
public final class Jobs implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public Jobs(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public static JobSpec base(Half half, int epochs, int imagesPerClass) {
        return new JobSpec(
                JobKind.TRAIN,
                Arm.BASE,
                0,
                null,
                half,
                0L,
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(0),
                new ArchitectureSpec(ArchitectureSpec.GRAY28, 0.125, 0.5),
                settings(epochs, imagesPerClass),
                List.of());
    }

    public static JobSpec transfer(int n, CheckpointRef base) {
        return new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                n,
                Half.A,
                Half.B,
                0L,
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(0),
                new ArchitectureSpec(ArchitectureSpec.GRAY28, 0.125, 0.5),
                settings(1, 20),
                List.of(base));
    }

    /** {@code spec} with another learning rate (for example one that makes training diverge). */
    public static JobSpec withLearningRate(JobSpec spec, double learningRate) {
        TrainingSettings t = spec.training();
        TrainingSettings changed = new TrainingSettings(
                t.epochs(),
                t.batchSize(),
                learningRate,
                t.lrStepEpochs(),
                t.lrGamma(),
                t.momentum(),
                t.weightDecay(),
                t.imagesPerClass(),
                t.validationFraction(),
                t.validationsPerEpoch());
        return new JobSpec(
                spec.kind(),
                spec.arm(),
                spec.n(),
                spec.sourceHalf(),
                spec.targetHalf(),
                spec.seed(),
                spec.dataset(),
                spec.split(),
                spec.architecture(),
                changed,
                spec.inputs());
    }

    private static TrainingSettings settings(int epochs, int imagesPerClass) {
        return new TrainingSettings(epochs, 32, 0.01, null, null, null, null, imagesPerClass, 0.2, 1);
    }

    public static String baseJobId(String experimentId, Half half) {
        return experimentId + ".base.n0.-" + half + ".s0";
    }

    public TrainingJobRequested submit(String experimentId, String jobId, JobSpec spec) {
        return submit(new TrainingJobRequested(null, null, 0, experimentId, jobId, 1, spec), null);
    }

    public TrainingJobRequested submit(TrainingJobRequested job, Integer partition) {
        send(Topics.TRAINING_JOBS, partition, job);
        return job;
    }

    public void cancel(String experimentId) {
        send(Topics.EXPERIMENT_EVENTS, null, new ExperimentCancelled(null, null, 0, experimentId, "test"));
    }

    /** A record that is no job at all, as a misbehaving producer might send. */
    public void sendGarbage(String key) {
        send(new ProducerRecord<>(Topics.TRAINING_JOBS, key, "{not json".getBytes(StandardCharsets.UTF_8)));
    }

    private void send(String topic, Integer partition, TransferLabEvent event) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, partition, event.key(), EventCodec.toJson(event));
        for (Map.Entry<String, String> h :
                EventRecords.headers(event, "/transferlab/coordinator").entrySet()) {
            record.headers().add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        if (!EventTypes.of(event).topic().equals(topic)) {
            throw new IllegalArgumentException(event + " does not travel on " + topic);
        }
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
