package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.launcher.client.Http;
import io.transferlab.localstack.S3Server;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one experiment left behind after a fault, checked against every place a result lives: the
 * coordinator's view, the job events on Kafka, the checkpoints in the object store and the analytics'
 * scores.
 *
 * @param state               the coordinator's state of the experiment ({@code completed} when it finished)
 * @param jobs                jobs in the experiment's plan
 * @param lost                jobs without a succeeded state and a {@code JobCompleted}, or missing from the scores
 * @param duplicated          results that disagree (two digests for one attempt of a job, a store object that is
 *                            not the digest its event names, two finals in one attempt) or are scored twice
 * @param resultCopies        {@code JobCompleted} events beyond one per job: at-least-once redeliveries carrying
 *                            the same result (allowed, counted)
 * @param dispatchedTwice     (job, attempt) pairs published more than once on the training-jobs topic
 * @param redispatches        re-dispatches with a higher attempt (heartbeat or start timeouts)
 * @param problems            what the counts above are made of, for the failure message
 */
record ExperimentAudit(
        String experimentId,
        String state,
        int jobs,
        int lost,
        int duplicated,
        int resultCopies,
        int dispatchedTwice,
        int redispatches,
        int jobStarts,
        List<String> problems) {

    private static final Pattern FINAL = Pattern.compile("attempt-(\\d+)/final-[0-9a-f]+\\.ckpt$");

    boolean completed() {
        return "completed".equals(state);
    }

    static ExperimentAudit of(FaultStack stack, String experimentId) {
        JsonNode view = stack.json("coordinator", "/experiments/" + experimentId);
        String state = view.path("summary").path("state").asText();
        TopicLedger ledger = TopicLedger.read(stack.bootstrap());
        MinioClient s3 = client(stack.s3());
        List<String> problems = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        int copies = 0;
        int twice = 0;
        int redispatches = 0;
        int starts = 0;
        for (JsonNode job : view.path("jobs")) {
            String jobId = job.path("jobId").asText();
            jobIds.add(jobId);
            List<JobCompleted> completions = ledger.jobEvents(JobCompleted.class, jobId);
            starts += ledger.jobEvents(JobStarted.class, jobId).size();
            if (!"succeeded".equals(job.path("state").asText()) || completions.isEmpty()) {
                lost++;
                problems.add(
                        jobId + ": state " + job.path("state").asText() + ", " + completions.size() + " JobCompleted");
                continue;
            }
            copies += completions.size() - 1;
            Map<Integer, Set<String>> digests = new HashMap<>();
            completions.forEach(c -> digests.computeIfAbsent(c.attempt(), k -> new TreeSet<>())
                    .add(c.result().checkpointSha256()));
            digests.forEach((attempt, distinct) -> {
                if (distinct.size() > 1) {
                    problems.add(jobId + ": " + distinct.size() + " different results of attempt " + attempt + " "
                            + distinct);
                }
            });
            duplicated += (int) digests.values().stream()
                    .filter(distinct -> distinct.size() > 1)
                    .count();
            for (JobCompleted completion : completions) {
                String stored = sha256(s3, completion.result().checkpointUri());
                if (!completion.result().checkpointSha256().equals(stored)) {
                    duplicated++;
                    problems.add(jobId + ": " + completion.result().checkpointUri() + " holds " + stored
                            + ", its JobCompleted says " + completion.result().checkpointSha256());
                }
            }
            Map<String, Integer> finals = finalsPerAttempt(s3, experimentId, jobId);
            finals.forEach((attempt, count) -> {
                if (count > 1) {
                    problems.add(jobId + ": " + count + " final checkpoints in attempt " + attempt);
                }
            });
            duplicated +=
                    (int) finals.values().stream().filter(count -> count > 1).count();
            Map<Integer, Integer> dispatches = new HashMap<>();
            ledger.jobEvents(TrainingJobRequested.class, jobId)
                    .forEach(r -> dispatches.merge(r.attempt(), 1, Integer::sum));
            twice += (int)
                    dispatches.values().stream().filter(count -> count > 1).count();
            redispatches += Math.max(0, dispatches.size() - 1);
        }
        ScoreCount scores = scoreCount(stack, experimentId, jobIds);
        if (scores.scored() < scores.expected()) {
            lost += scores.expected() - scores.scored();
            problems.add("analytics scores " + scores.scored() + " of " + scores.expected() + " jobs");
        } else if (scores.scored() > scores.expected()) {
            duplicated += scores.scored() - scores.expected();
            problems.add("analytics scores " + scores.scored() + " results for " + scores.expected() + " jobs");
        }
        return new ExperimentAudit(
                experimentId,
                state,
                jobIds.size(),
                lost,
                duplicated,
                copies,
                twice,
                redispatches,
                starts,
                List.copyOf(problems));
    }

    /** Results the analytics' per-direction score rows count, against the jobs that target half B. */
    private record ScoreCount(int scored, int expected) {}

    private static ScoreCount scoreCount(FaultStack stack, String experimentId, List<String> jobIds) {
        String url = stack.url("analytics") + "/experiments/" + experimentId + "/scores";
        await("scores of " + experimentId)
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> {
                    Http.Response response = Http.get(url);
                    return response.ok() && !response.json().path("partial").asBoolean(true);
                });
        JsonNode rows = Http.getOk(url).json().path("scores").path("arms");
        // The rows of the one direction studied; the pooled rows where the analytics shows only those.
        boolean perDirection = false;
        for (JsonNode row : rows) {
            perDirection |= "a-to-b".equals(row.path("direction").asText());
        }
        String scope = perDirection ? "a-to-b" : "pooled";
        int scored = 0;
        for (JsonNode row : rows) {
            if (scope.equals(row.path("direction").asText())) {
                scored += row.path("accuracy").path("count").asInt();
            }
        }
        int expected =
                (int) jobIds.stream().filter(id -> !id.contains(".base.n0.-A.")).count();
        return new ScoreCount(scored, expected);
    }

    private static Map<String, Integer> finalsPerAttempt(MinioClient s3, String experimentId, String jobId) {
        Map<String, Integer> finals = new HashMap<>();
        String prefix = "experiments/" + experimentId + "/jobs/" + jobId + "/";
        try {
            for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder()
                    .bucket(S3Server.DEFAULT_BUCKET)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                Matcher m = FINAL.matcher(result.get().objectName());
                if (m.find()) {
                    finals.merge(m.group(1), 1, Integer::sum);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot list " + prefix, e);
        }
        return finals;
    }

    private static String sha256(MinioClient s3, String uri) {
        String rest = uri.substring("s3://".length());
        String bucket = rest.substring(0, rest.indexOf('/'));
        String key = rest.substring(rest.indexOf('/') + 1);
        try (InputStream in =
                s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Bounded.sha256Hex(in.readAllBytes());
        } catch (Exception e) {
            return "(missing: " + e.getMessage() + ")";
        }
    }

    static MinioClient client(S3Server s3) {
        return MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(S3Server.REGION)
                .build();
    }

    /** Completed, every job of the plan there, nothing lost, nothing duplicated. */
    void assertClean(TinyExperiment experiment) {
        assertThat(completed()).as(summary()).isTrue();
        assertThat(jobs).as(summary()).isEqualTo(experiment.jobs());
        assertThat(lost).as(summary()).isZero();
        assertThat(duplicated).as(summary()).isZero();
    }

    /** One line for the failure message and the figures. */
    String summary() {
        return experimentId + ": " + state + ", " + jobs + " jobs, lost " + lost + ", duplicated " + duplicated
                + ", result copies " + resultCopies + ", (job, attempt) dispatched twice " + dispatchedTwice
                + ", re-dispatches " + redispatches + ", JobStarted " + jobStarts
                + (problems.isEmpty() ? "" : ", problems " + problems);
    }
}
