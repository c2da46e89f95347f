package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {

    @Test
    void everyTopicHasAPolicyAndOnlyTheStateTopicsAreCompacted() {
        assertThat(TopicPolicy.ALL)
                .extracting(TopicPolicy::topic)
                .containsExactlyElementsOf(Stream.concat(Topics.ALL.stream(), Topics.STATE.stream())
                        .toList());
        for (String topic : Topics.STATE) {
            assertThat(TopicPolicy.of(topic).configs())
                    .containsEntry("cleanup.policy", "compact")
                    .containsEntry("retention.ms", "-1")
                    .containsKey("segment.ms");
        }
        for (String topic : Topics.ALL) {
            TopicPolicy policy = TopicPolicy.of(topic);
            assertThat(policy.configs())
                    .containsEntry("cleanup.policy", "delete")
                    .containsEntry(
                            "retention.ms", Long.toString(policy.retention().toMillis()));
            // Long enough to outlast a weekend with the coordinator or analytics down.
            assertThat(policy.retention()).isGreaterThanOrEqualTo(Duration.ofDays(7));
        }
    }

    @Test
    void aPolicyIsEitherDeletingWithARetentionOrCompactedWithout() {
        assertThatThrownBy(() -> new TopicPolicy("t", TopicPolicy.DELETE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPolicy("t", TopicPolicy.COMPACT, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPolicy("t", "compact,delete", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicPolicy.of("transferlab.unknown")).hasMessageContaining("transferlab.unknown");
    }
}
