package io.transferlab.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainerNodeThreadsTest {

    @Test
    void moreOpenMpThreadsInAllThanCoresIsReportedWithTheSettingThatFitsTheCores() {
        assertThat(TrainerNode.oversubscription("cpu", 2, 2, 2))
                .contains("2 jobs x 2 OpenMP threads each on 2 cores")
                .contains("OMP_NUM_THREADS")
                .endsWith("(1)");
        assertThat(TrainerNode.oversubscription("cpu", 4, 3, 8)).endsWith("(2)");
    }

    @Test
    void threadsThatFitTheCoresOrAGpuBackendAreNotReported() {
        assertThat(TrainerNode.oversubscription("cpu", 1, 2, 2)).isNull();
        assertThat(TrainerNode.oversubscription("cpu", 2, 1, 2)).isNull();
        assertThat(TrainerNode.oversubscription("cuda", 16, 4, 2)).isNull();
    }
}
