package io.transferlab.launcher.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders analytics' score table ({@code GET /experiments/{id}/scores}: a {@code ScoreTable}, possibly
 * wrapped) as text: per direction, one row per layer cut n, one column per arm (mean top-1 accuracy
 * in percent with its interval), then the effects.
 */
public final class ScoreTablePrinter {

    private ScoreTablePrinter() {}

    public static String render(JsonNode root) {
        JsonNode table = findTable(root);
        if (table == null) {
            return root.toPrettyString();
        }
        StringBuilder out = new StringBuilder();
        Map<String, Map<Integer, Map<String, String>>> byDirection = new LinkedHashMap<>();
        Set<String> arms = new LinkedHashSet<>();
        for (JsonNode arm : table.path("arms")) {
            String direction = arm.path("direction").asText("?");
            String armName = arm.path("arm").asText("?");
            arms.add(armName);
            byDirection
                    .computeIfAbsent(direction, d -> new LinkedHashMap<>())
                    .computeIfAbsent(arm.path("n").asInt(), n -> new LinkedHashMap<>())
                    .put(armName, interval(arm.path("accuracy"), true));
        }
        for (var direction : byDirection.entrySet()) {
            if (!hasValue(direction.getValue())) {
                continue; // a direction the experiment did not study
            }
            out.append("Top-1 accuracy, ").append(direction.getKey()).append(" (%):\n");
            List<String> header = new ArrayList<>();
            header.add("n");
            header.addAll(arms);
            List<List<String>> rows = new ArrayList<>();
            for (int n : new TreeSet<>(direction.getValue().keySet())) {
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(n));
                for (String arm : arms) {
                    row.add(direction.getValue().get(n).getOrDefault(arm, ""));
                }
                rows.add(row);
            }
            out.append(table(header, rows));
        }
        if (table.path("effects").size() > 0) {
            Map<String, Map<Integer, Map<String, String>>> effects = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode effect : table.path("effects")) {
                names.add(effect.path("effect").asText("?"));
                effects.computeIfAbsent(effect.path("direction").asText("?"), d -> new LinkedHashMap<>())
                        .computeIfAbsent(effect.path("n").asInt(), n -> new LinkedHashMap<>())
                        .put(effect.path("effect").asText("?"), interval(effect.path("value"), true));
            }
            for (var direction : effects.entrySet()) {
                if (!hasValue(direction.getValue())) {
                    continue;
                }
                out.append("Effects, ").append(direction.getKey()).append(" (percentage points):\n");
                List<String> header = new ArrayList<>();
                header.add("n");
                header.addAll(names);
                List<List<String>> rows = new ArrayList<>();
                for (int n : new TreeSet<>(direction.getValue().keySet())) {
                    List<String> row = new ArrayList<>();
                    row.add(String.valueOf(n));
                    for (String name : names) {
                        row.add(direction.getValue().get(n).getOrDefault(name, ""));
                    }
                    rows.add(row);
                }
                out.append(table(header, rows));
            }
        }
        if (table.has("jobsDone")) {
            out.append("jobs: ")
                    .append(table.path("jobsDone").asInt())
                    .append('/')
                    .append(table.path("jobsTotal").asInt())
                    .append('\n');
        }
        return out.toString();
    }

    private static boolean hasValue(Map<Integer, Map<String, String>> rows) {
        return rows.values().stream().flatMap(r -> r.values().stream()).anyMatch(v -> !v.isEmpty());
    }

    /** The object holding {@code arms}: the root or a nested one ({@code scores}, {@code table}, ...). */
    public static JsonNode findTable(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.path("arms").isArray()) {
            return node;
        }
        for (JsonNode child : node) {
            JsonNode found = child.isContainerNode() ? findTable(child) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String interval(JsonNode interval, boolean percent) {
        if (interval.isMissingNode() || interval.isNull()) {
            return "";
        }
        double scale = percent ? 100 : 1;
        if (interval.isNumber()) {
            return String.format(Locale.ROOT, "%.1f", interval.asDouble() * scale);
        }
        String mean = String.format(Locale.ROOT, "%.1f", interval.path("mean").asDouble() * scale);
        if (interval.hasNonNull("low") && interval.hasNonNull("high")) {
            return mean
                    + String.format(
                            Locale.ROOT,
                            " [%.1f, %.1f]",
                            interval.path("low").asDouble() * scale,
                            interval.path("high").asDouble() * scale);
        }
        return mean;
    }

    static String table(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        appendRow(out, rule, widths);
        rows.forEach(row -> appendRow(out, row, widths));
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            out.append("  ").append(String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }
}
