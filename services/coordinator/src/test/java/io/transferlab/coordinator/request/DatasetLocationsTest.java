package io.transferlab.coordinator.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetLocationsTest {
    private final DatasetLocations locations = new DatasetLocations(
            List.of(Path.of("/usr/share/datasets"), Path.of("/data/images")), Set.of("datasets"), "transferlab");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/usr/share/datasets/fashion-mnist",
                "file:/usr/share/datasets/mnist",
                "/data/images/birds/train",
                "/usr/share/datasets/./fashion-mnist",
                "s3://datasets/cifar10",
                "s3://datasets"
            })
    void allowsLocationsBelowARootOrInADatasetBucket(String location) {
        assertThat(locations.problem(location)).as(location).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/etc|below a dataset root",
                "/root|below a dataset root",
                "/usr/share/datasets|below a dataset root",
                "/usr/share/datasets-evil/x|below a dataset root",
                "../../../../etc|'..'",
                "/usr/share/datasets/../../../etc|'..'",
                "file:/usr/share/datasets/../../etc|'..'",
                "fashion-mnist|absolute",
                "s3://transferlab/|checkpoint bucket",
                "s3://transferlab/jobs/e1/attempt-1|checkpoint bucket",
                "s3://other/data|not a dataset bucket",
                "s3://datasets/../transferlab|'..'",
                "http://example.org/data|local path or an s3",
            })
    void refusesEverythingElseWithTheReason(String location, String reason) {
        assertThat(locations.problem(location))
                .as(location)
                .hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://transferlab/data", "/etc/passwd"})
    void theDefaultsAllowNoBucketAndOnlyTheDebianDatasetFolder(String location) {
        assertThat(DatasetLocations.defaults().problem(location)).as(location).isPresent();
        assertThat(DatasetLocations.defaults().problem("/usr/share/datasets/fashion-mnist"))
                .isEmpty();
    }
}
