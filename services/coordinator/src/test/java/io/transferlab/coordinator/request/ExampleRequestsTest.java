package io.transferlab.coordinator.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.EventCodec;
import io.transferlab.coordinator.planning.ExperimentPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example requests shipped in contracts/examples are valid and plan the jobs their shape implies. */
class ExampleRequestsTest {
    private static final Path EXAMPLES = Path.of("../../contracts/examples");
    private final RequestReader reader = new RequestReader(new RequestValidator(2000), SchemaCheck.request());

    @ParameterizedTest
    @CsvSource({
        // 2 bases (B is the target, A the transfer source) + 1 transfer job
        "minimal-request.json, 3",
        // 2 bases + 4 arms x 4 cuts x 1 direction
        "demo-request.json, 18",
        // 3 seeds x (2 bases + 1 CKA + 5 arms x 7 cuts x 2 directions)
        "full-request.json, 219"
    })
    void examplesAreAcceptedAndPlanned(String file, int jobs) throws Exception {
        byte[] body = Files.readAllBytes(EXAMPLES.resolve(file));

        RequestReader.Outcome outcome = reader.read(EventCodec.mapper().readTree(body), "evt-" + file);

        assertThat(outcome).as(file + ": " + outcome).isInstanceOf(RequestReader.Valid.class);
        assertThat(ExperimentPlanner.plan(((RequestReader.Valid) outcome).request()))
                .hasSize(jobs);
    }
}
