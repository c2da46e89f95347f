package io.transferlab.it.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys the services really read, gathered from docs/DESIGN.md (its configuration table
 * and the Quarkus and Kafka keys it names), the services' application.properties and their
 * {@code @ConfigMapping} interfaces; and Quarkus' environment-variable form of each.
 */
public final class ConfigKeys {
    private static final Pattern KEY = Pattern.compile("`((?:transferlab|quarkus|kafka)\\.[a-z0-9.-]+)`");
    private static final Pattern SIBLING =
            Pattern.compile("`((?:transferlab|quarkus|kafka)\\.[a-z0-9.-]+)`\\s*/\\s*`([a-z0-9-]+)`");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([a-z0-9.-]+)\"");
    private static final Pattern METHOD = Pattern.compile(
            "(?m)^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*[\\w.<>?, \\[\\]]+\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");

    /**
     * Environment variables a service's runtime reads that are not configuration keys: OpenMP's thread count,
     * which ND4J's native library reads at start (threads per training job).
     */
    public static final Set<String> RUNTIME_ENV = Set.of("OMP_NUM_THREADS");

    private ConfigKeys() {}

    /** Every known key (dotted form). */
    public static Set<String> all() {
        Set<String> keys = new TreeSet<>(fromDesign());
        for (String service : ProjectLayout.SERVICES) {
            keys.addAll(fromApplicationProperties(service));
            keys.addAll(fromConfigMappings(service));
        }
        return keys;
    }

    /** Quarkus' environment-variable name of a key: upper case, every other character '_'. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public static Set<String> envNames() {
        Set<String> names = new TreeSet<>();
        all().forEach(k -> names.add(envName(k)));
        return names;
    }

    static Set<String> fromDesign() {
        Set<String> keys = new TreeSet<>();
        String design = ProjectLayout.read(ProjectLayout.design());
        Matcher m = KEY.matcher(design);
        while (m.find()) {
            keys.add(m.group(1));
        }
        // "`transferlab.s3.access-key` / `secret-key`": the second is a sibling of the first.
        Matcher s = SIBLING.matcher(design);
        while (s.find()) {
            String first = s.group(1);
            keys.add(first.substring(0, first.lastIndexOf('.') + 1) + s.group(2));
        }
        return keys;
    }

    static Set<String> fromApplicationProperties(String service) {
        Set<String> keys = new TreeSet<>();
        for (String name : applicationProperties(service).stringPropertyNames()) {
            keys.add(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
        }
        return keys;
    }

    /** The default profile's values of a service's application.properties (key -> value). */
    static Map<String, String> defaults(String service) {
        Properties properties = applicationProperties(service);
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith("%")) {
                values.put(name, properties.getProperty(name));
            }
        }
        return values;
    }

    /** A service's application.properties, every profile; empty when the service has none. */
    private static Properties applicationProperties(String service) {
        Path file = ProjectLayout.service(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            return properties;
        }
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Prefix plus the kebab-case name of every accessor of the service's @ConfigMapping interfaces. */
    static Set<String> fromConfigMappings(String service) {
        Set<String> keys = new TreeSet<>();
        for (Path source : ProjectLayout.mainSources(service)) {
            String text = ProjectLayout.read(source);
            Matcher mapping = MAPPING.matcher(text);
            if (!mapping.find()) {
                continue;
            }
            String prefix = mapping.group(1);
            Matcher method = METHOD.matcher(text.substring(mapping.end()));
            while (method.find()) {
                keys.add(prefix + "." + kebab(method.group(1)));
            }
        }
        return keys;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static Stream<String> servicesWithConfig() {
        return ProjectLayout.SERVICES.stream()
                .filter(s -> !fromConfigMappings(s).isEmpty()
                        || Files.isRegularFile(
                                ProjectLayout.service(s).resolve("src/main/resources/application.properties")));
    }
}
