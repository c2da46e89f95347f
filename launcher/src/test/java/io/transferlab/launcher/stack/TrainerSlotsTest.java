package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.launcher.LauncherException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerSlotsTest {

    @Test
    void oneJobPerCoreWithOneThreadEachByDefault() {
        assertThat(TrainerSlots.of(2, Map.of())).isEqualTo(new TrainerSlots(2, 1));
        assertThat(TrainerSlots.of(16, Map.of())).isEqualTo(new TrainerSlots(16, 1));
        assertThat(TrainerSlots.of(0, Map.of())).isEqualTo(new TrainerSlots(1, 1));
    }

    @Test
    void theOtherNumberFollowsCoresDividedByTheOneGiven() {
        assertThat(TrainerSlots.of(8, Map.of("TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS", "2")))
                .isEqualTo(new TrainerSlots(2, 4));
        assertThat(TrainerSlots.of(8, Map.of("OMP_NUM_THREADS", "4"))).isEqualTo(new TrainerSlots(2, 4));
        assertThat(TrainerSlots.of(2, Map.of("OMP_NUM_THREADS", "4"))).isEqualTo(new TrainerSlots(1, 4));
        assertThat(TrainerSlots.of(2, Map.of("TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS", "3")))
                .isEqualTo(new TrainerSlots(3, 1));
        assertThat(TrainerSlots.of(8, Map.of("TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS", "3", "OMP_NUM_THREADS", "2")))
                .isEqualTo(new TrainerSlots(3, 2));
    }

    @Test
    void aValueThatIsNotAPositiveNumberIsRefusedWithItsName() {
        assertThatThrownBy(() -> TrainerSlots.of(2, Map.of("OMP_NUM_THREADS", "two")))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("OMP_NUM_THREADS")
                .hasMessageContaining("'two'");
        assertThatThrownBy(() -> TrainerSlots.of(2, Map.of("TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS", "0")))
                .isInstanceOf(LauncherException.class);
    }
}
