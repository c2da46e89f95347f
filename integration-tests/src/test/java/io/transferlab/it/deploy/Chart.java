package io.transferlab.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The TransferLab chart through helm-java (Helm as a bundled native library: no helm binary needed).
 * helm-java's template leaves hook resources out and its lint takes no values files, so {@link #copy}
 * makes a chart copy whose values.yaml already holds a variant's values, optionally with hooks made
 * plain resources so their manifests can be inspected.
 */
public final class Chart {
    public static final String RELEASE = "tl";
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;

    private Chart(Path dir) {
        this.dir = dir;
    }

    public static Chart source() {
        return new Chart(ProjectLayout.chart());
    }

    public Path dir() {
        return dir;
    }

    /** A copy of the chart under {@code target} with the variant's values merged into values.yaml. */
    public static Chart copy(ChartVariant variant, Path target, boolean hooksAsResources) {
        Path src = ProjectLayout.chart();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    String text = Files.readString(f);
                    if (hooksAsResources
                            && f.getFileName().toString().endsWith(".yaml")
                            && src.relativize(f).startsWith("templates")) {
                        text = text.replaceAll("(?m)^\\s*helm\\.sh/hook[a-z-]*:.*\\n", "");
                    }
                    Files.writeString(to, text);
                }
            }
            Optional<Path> values = variant.valuesFile();
            if (values.isPresent()) {
                JsonNode merged = merge(
                        YAML.readTree(src.resolve("values.yaml").toFile()),
                        YAML.readTree(values.get().toFile()));
                YAML.writeValue(target.resolve("values.yaml").toFile(), merged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chart(target);
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode baseObject) || !override.isObject()) {
            return override;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = baseObject.get(e.getKey());
            baseObject.set(e.getKey(), old == null ? e.getValue() : merge(old, e.getValue()));
        }
        return baseObject;
    }

    public LintResult lintStrict() {
        return new Helm(dir).lint().strict().call();
    }

    /** helm template of a variant, with extra --set values. Throws IllegalStateException with Helm's error. */
    public String template(ChartVariant variant, Map<String, Object> sets) {
        TemplateCommand template = new Helm(dir).template().withName(RELEASE).withNamespace("transferlab");
        if (variant != null) {
            Optional<Path> values = variant.valuesFile();
            if (values.isPresent()) {
                template = template.withValuesFile(values.get());
            }
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    /** The NOTES.txt of an install (client-only dry run). */
    public String notes(Map<String, Object> sets) {
        var install = new Helm(dir)
                .install()
                .withName(RELEASE)
                .withNamespace("transferlab")
                .dryRun()
                .clientOnly();
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        String output = install.call().getOutput();
        int notes = output.indexOf("NOTES:");
        if (notes < 0) {
            throw new IllegalStateException("no NOTES in the install output:\n" + output);
        }
        return output.substring(notes);
    }

    /** Every document of a rendered manifest, read by fabric8 (typed where the model knows the kind). */
    public static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : manifests.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                continue;
            }
            Object parsed = Serialization.unmarshal(doc);
            if (parsed instanceof HasMetadata object) {
                objects.add(object);
            } else if (parsed instanceof List<?> list) {
                list.stream().map(HasMetadata.class::cast).forEach(objects::add);
            } else {
                throw new IllegalStateException("not a Kubernetes object: " + doc);
            }
        }
        return objects;
    }

    public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast)
                .toList();
    }
}
