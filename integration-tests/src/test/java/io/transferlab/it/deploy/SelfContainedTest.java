package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing in the repository points outside it: its docs and code stand on their own. */
class SelfContainedTest {

    @Test
    void noLinkOrPathInTheRepositoryLeavesIt() {
        assertThat(OutsideReferences.find(ProjectLayout.root())).isEmpty();
    }

    @Test
    void theDocsTheCodeReliesOnAreInTheRepository() {
        for (String doc : new String[] {
            "docs/PROTOCOL.md",
            "docs/DL4J-ON-CPU.md",
            "docs/GPU.md",
            "services/analytics/src/test/resources/paper-networks.csv"
        }) {
            assertThat(ProjectLayout.root().resolve(doc)).as(doc).isRegularFile();
        }
    }

    @Test
    void theChartNamesNoMadeUpHomePage() {
        String chart = ProjectLayout.read(ProjectLayout.chart().resolve("Chart.yaml"));

        assertThat(chart).doesNotContain("github.com/transferlab").doesNotContainPattern("(?m)^home:");
    }

    @Test
    void everyKindOfOutsideReferenceIsReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(
                dir.resolve("docs/ok.md"),
                "[up](../README.md) [web](https://arxiv.org/abs/1411.1792)" + " [anchor](#top) ![img](ok.md)\n");
        Files.writeString(
                dir.resolve("README.md"),
                "see [design](docs/ok.md)\n"
                        + "the [protocol](../" + "sha" + "red/science/PROTOCOL.md)\n"
                        + "[gone](docs/missing.md) and [outside](../../etc/passwd)\n");
        Files.writeString(
                dir.resolve("src/Backend.java"),
                "// see shared/" + "notes/DL4J-ON-CPU.md\n" + "String data = \"/" + "work/data\";\n");
        Files.writeString(dir.resolve("target/generated.md"), "[ignored](../" + "shared/x.md)\n");

        assertThat(OutsideReferences.find(dir))
                .containsExactly(
                        "README.md:2: path outside the repository: ../" + "shared",
                        "README.md:2: link leaves the repository: ../" + "sha" + "red/science/PROTOCOL.md",
                        "README.md:3: link to a missing file: docs/missing.md",
                        "README.md:3: link leaves the repository: ../../etc/passwd",
                        "src/Backend.java:1: path outside the repository: shared/" + "notes/",
                        "src/Backend.java:2: path outside the repository: /" + "work/");
    }
}
