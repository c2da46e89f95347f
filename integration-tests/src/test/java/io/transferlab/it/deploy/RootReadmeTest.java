package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.transferlab.launcher.cli.TransferLabCli;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the root README.md promises exists: launcher commands, chart keys, config keys, metrics, files. */
class RootReadmeTest {
    private static final Pattern LAUNCHER = Pattern.compile("\\./transferlab ([a-z]+)");
    private static final Pattern SET = Pattern.compile("--set ([A-Za-z0-9_.]+)=");
    private static final Pattern CONFIG_ROW =
            Pattern.compile("(?m)^\\| `((?:transferlab|quarkus|kafka)\\.[a-z0-9.-]+)`");
    private static final Pattern METRIC =
            Pattern.compile("`((?:coordinator|trainer|analytics)\\.[a-z.]+)(?:\\{[a-z,]+})?`");
    private static final Pattern LINK = Pattern.compile("\\]\\(((?!https?:)[^)#]+)(?:#[^)]*)?\\)");

    private final String readme = ProjectLayout.read(ProjectLayout.root().resolve("README.md"));

    @Test
    void everyLauncherCommandExists() {
        Set<String> commands = find(LAUNCHER, readme);
        assertThat(commands).contains("demo", "up", "down", "submit", "status", "watch", "report");
        assertThat(TransferLabCli.commandLine().getSubcommands().keySet()).containsAll(commands);
    }

    @Test
    void everySetKeyExistsInTheChartValues() throws Exception {
        JsonNode values = new YAMLMapper()
                .readTree(ProjectLayout.chart().resolve("values.yaml").toFile());
        Set<String> keys = find(SET, readme);
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            JsonNode node = values;
            for (String part : key.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            assertThat(node).as("--set %s in values.yaml", key).isNotNull();
        }
    }

    @Test
    void everyConfigKeyIsReadBySomeService() {
        Set<String> known = new TreeSet<>();
        for (String service : ProjectLayout.SERVICES) {
            known.addAll(ConfigKeys.fromApplicationProperties(service));
            known.addAll(ConfigKeys.fromConfigMappings(service));
        }
        Set<String> documented = find(CONFIG_ROW, readme);
        assertThat(documented).hasSizeGreaterThanOrEqualTo(15);
        assertThat(known).containsAll(documented);
    }

    @Test
    void everyMetricIsADesignMetric() {
        Set<String> metrics = find(METRIC, readme);
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(20);
        assertThat(MetricNames.designMeters().keySet()).containsAll(metrics);
    }

    @Test
    void everyRelativeLinkAndNamedFileExists() {
        for (String link : find(LINK, readme)) {
            if (!link.startsWith("../")) {
                assertThat(Files.exists(ProjectLayout.root().resolve(link)))
                        .as("link %s", link)
                        .isTrue();
            }
        }
        for (String file : new String[] {
            "contracts/examples/minimal-request.json",
            "contracts/examples/demo-request.json",
            "benchmarks/training.sh",
            "transferlab",
            ".ci/run",
            "docker/compose.yaml",
            "helm/transferlab/dashboards/transferlab.json"
        }) {
            assertThat(ProjectLayout.root().resolve(file)).as(file).exists();
        }
    }

    private static Set<String> find(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
