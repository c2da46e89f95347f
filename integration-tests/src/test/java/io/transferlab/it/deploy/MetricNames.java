package io.transferlab.it.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metric names on both sides: the Prometheus series the Grafana dashboard queries, and the Micrometer
 * meters docs/DESIGN.md defines with the Prometheus series each one exposes on /q/metrics.
 * A later test that scrapes the running services can compare {@link #dashboardMetrics()} with what it sees.
 */
public final class MetricNames {
    /** A Micrometer meter of DESIGN.md. */
    public record Meter(String name, String type) {
        /** The series Micrometer's Prometheus registry exposes for this meter. */
        public Set<String> prometheusSeries() {
            String base = name.replace('.', '_');
            return switch (type) {
                case "counter" -> Set.of(base + "_total");
                case "timer" ->
                    Set.of(
                            base + "_seconds_count",
                            base + "_seconds_sum",
                            base + "_seconds_max",
                            base + "_seconds_bucket");
                case "summary" -> Set.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
                default -> Set.of(base);
            };
        }
    }

    private static final Pattern DESIGN_METER = Pattern.compile(
            "`([a-z]+(?:\\.[a-z]+)+)`(?:\\s*/\\s*`([a-z]+(?:\\.[a-z]+)+)`)?\\s*\\((gauges?|counters?|timers?|summary|summaries)");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\\w)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
    private static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "inf",
            "nan",
            "Inf",
            "NaN");

    private MetricNames() {}

    /** Meters of docs/DESIGN.md's metrics section, by Micrometer name. */
    public static Map<String, Meter> designMeters() {
        String design = ProjectLayout.read(ProjectLayout.design());
        int start = design.indexOf("## Metrics");
        int end = design.indexOf("\n## ", start + 1);
        String section = design.substring(start, end < 0 ? design.length() : end);
        Map<String, Meter> meters = new LinkedHashMap<>();
        Matcher m = DESIGN_METER.matcher(section);
        while (m.find()) {
            String type = normalizedType(m.group(3));
            meters.put(m.group(1), new Meter(m.group(1), type));
            if (m.group(2) != null) {
                meters.put(m.group(2), new Meter(m.group(2), type));
            }
        }
        return meters;
    }

    private static String normalizedType(String word) {
        for (String type : List.of("gauge", "counter", "timer", "summar")) {
            if (word.startsWith(type)) {
                return type.equals("summar") ? "summary" : type;
            }
        }
        throw new IllegalArgumentException("unknown meter type " + word);
    }

    /** Prometheus series name -> the DESIGN.md meter that exposes it. */
    public static Map<String, Meter> designSeries() {
        Map<String, Meter> series = new LinkedHashMap<>();
        for (Meter meter : designMeters().values()) {
            meter.prometheusSeries().forEach(s -> series.put(s, meter));
        }
        return series;
    }

    /** Every metric name the dashboard's panel queries and template variables use. */
    public static Set<String> dashboardMetrics() {
        return dashboardMetrics(ProjectLayout.dashboard());
    }

    public static Set<String> dashboardMetrics(Path dashboard) {
        Set<String> names = new TreeSet<>();
        for (String expr : dashboardQueries(dashboard)) {
            names.addAll(metricsIn(expr));
        }
        return names;
    }

    /** Every PromQL expression of the dashboard: panel targets (also in rows) and query variables. */
    public static List<String> dashboardQueries(Path dashboard) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dashboard.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> queries = new java.util.ArrayList<>();
        collectTargets(root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                queries.add(
                        query.isTextual() ? query.asText() : query.path("query").asText());
            }
        }
        return queries;
    }

    private static void collectTargets(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.get("expr").asText());
                }
            }
            collectTargets(panel.path("panels"), queries);
        }
    }

    /** Metric names in one PromQL expression (or a Grafana label_values(...) variable query). */
    public static Set<String> metricsIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher lv = LABEL_VALUES.matcher(expr);
        while (lv.find()) {
            names.add(lv.group(1));
        }
        if (expr.contains("label_values(")) {
            return names;
        }
        String stripped = STRING.matcher(expr).replaceAll("\"\"");
        stripped = stripped.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        stripped = GROUPING.matcher(stripped).replaceAll(" ");
        Matcher id = IDENTIFIER.matcher(stripped);
        while (id.find()) {
            boolean call = id.group(2) != null;
            String word = id.group(1);
            if (!call && !PROMQL_WORDS.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }
}
