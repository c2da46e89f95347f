package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateTopicTest {
    private static final StateTopic.Offsets OFFSETS = new StateTopic.Offsets(Map.of("transferlab.job-events:0", 42L));

    record Note(String id, int count) {}

    @Test
    void everyReadableSnapshotIsRestoredWithTheOffsetsItCovers() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("experiment/a", StateTopic.encode(new Note("a", 1)));
        records.put("experiment/b", StateTopic.encode(new Note("b", 2)));
        records.put("other", StateTopic.encode(new Note("other", 3)));
        StateTopic.Restore restore = new StateTopic.Restore("state", new StateTopic.Snapshot(records, OFFSETS));

        assertThat(restore.values("experiment/", Note.class)).containsExactly(new Note("a", 1), new Note("b", 2));
        assertThat(restore.value("other", Note.class)).isEqualTo(new Note("other", 3));
        assertThat(restore.value("missing", Note.class)).isNull();
        assertThat(restore.offsets()).isEqualTo(OFFSETS);
        assertThat(restore.unreadable()).isEmpty();
    }

    @Test
    void anUnreadableSnapshotIsLeftOutAndTheInputsAreReadFromTheBeginning() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("experiment/a", StateTopic.encode(new Note("a", 1)));
        records.put("experiment/garbage", "not gzip".getBytes(StandardCharsets.UTF_8));
        records.put("experiment/wrong-json", StateTopic.encode(List.of("a list, not a note")));
        records.put("experiment/c", StateTopic.encode(new Note("c", 3)));
        StateTopic.Restore restore = new StateTopic.Restore("state", new StateTopic.Snapshot(records, OFFSETS));

        assertThat(restore.values("experiment/", Note.class)).containsExactly(new Note("a", 1), new Note("c", 3));
        assertThat(restore.unreadable()).containsExactly("experiment/garbage", "experiment/wrong-json");
        assertThat(restore.offsets()).isEqualTo(StateTopic.Offsets.NONE);
    }

    @Test
    void anUnreadableSingleValueAlsoSendsTheInputsBackToTheBeginning() {
        Map<String, byte[]> records = Map.of("rejections", new byte[] {31, -117, 8, 0});
        StateTopic.Restore restore = new StateTopic.Restore("state", new StateTopic.Snapshot(records, OFFSETS));

        assertThat(restore.value("rejections", Note.class)).isNull();
        assertThat(restore.offsets()).isEqualTo(StateTopic.Offsets.NONE);
    }
}
