package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every --set key and values file helm/transferlab/README.md documents exists. */
class ChartReadmeTest {
    private static final Pattern SET = Pattern.compile("--set(?:-string|-file)?[ =]([A-Za-z0-9_.\\\\-]+)=");
    private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `([A-Za-z0-9_.]+)` \\|");
    private static final Pattern VALUES_FILE =
            Pattern.compile("(?:-f|--values)[ =]helm/transferlab/(ci/[\\w.-]+\\.yaml)");

    private static boolean exists(JsonNode values, String key) {
        JsonNode node = values;
        // "nvidia\.com/gpu"-style escaped dots stay one segment.
        for (String part : key.split("(?<!\\\\)\\.")) {
            node = node.get(part.replace("\\.", "."));
            if (node == null) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyDocumentedKeyExistsInValuesYaml() throws Exception {
        String readme = ProjectLayout.read(ProjectLayout.chart().resolve("README.md"));
        JsonNode values = new YAMLMapper()
                .readTree(ProjectLayout.chart().resolve("values.yaml").toFile());
        Set<String> keys = new LinkedHashSet<>();
        Matcher set = SET.matcher(readme);
        while (set.find()) {
            keys.add(set.group(1));
        }
        Set<String> tableKeys = new LinkedHashSet<>();
        Matcher table = TABLE_KEY.matcher(readme);
        while (table.find()) {
            tableKeys.add(table.group(1));
        }

        assertThat(keys).as("--set keys in the README").hasSizeGreaterThanOrEqualTo(5);
        assertThat(tableKeys).as("keys of the values table").hasSizeGreaterThanOrEqualTo(30);
        for (String key : keys) {
            assertThat(exists(values, key))
                    .as("--set %s exists in values.yaml", key)
                    .isTrue();
        }
        for (String key : tableKeys) {
            assertThat(exists(values, key))
                    .as("documented key %s exists in values.yaml", key)
                    .isTrue();
        }
        // Every --set key is also in the values table.
        assertThat(tableKeys)
                .containsAll(keys.stream()
                        .map(k -> k.replace("\\", ""))
                        .filter(k -> !k.contains("/"))
                        .toList());
        Matcher files = VALUES_FILE.matcher(readme);
        int count = 0;
        while (files.find()) {
            assertThat(ProjectLayout.chart().resolve(files.group(1))).exists();
            count++;
        }
        assertThat(count).as("values files of the variants in the README").isGreaterThanOrEqualTo(4);
    }
}
