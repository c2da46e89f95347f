package io.transferlab.launcher.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves an experiment's report from analytics into a folder: {@code index.html} (links rewritten
 * to the local files), every image and data file it references, {@code scores.json} and
 * {@code scores.csv}.
 */
public final class ReportDownloader {

    private static final Pattern REFERENCE = Pattern.compile("(src|href)\\s*=\\s*\"([^\"#?]+)\"");

    private ReportDownloader() {}

    /** Downloads into {@code dir} (created) and returns the path of index.html. */
    public static Path download(String analyticsUrl, String experimentId, Path dir) {
        String base = analyticsUrl.replaceAll("/+$", "") + "/experiments/" + experimentId;
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("scores.json"), Http.getOk(base + "/scores").body());
            Files.write(
                    dir.resolve("scores.csv"), Http.getOk(base + "/scores.csv").body());
            URI reportUri = URI.create(base + "/report");
            String html = Http.getOk(reportUri.toString()).text();
            Map<String, String> localNames = new LinkedHashMap<>();
            Matcher matcher = REFERENCE.matcher(html);
            while (matcher.find()) {
                String ref = matcher.group(2);
                if (!isLocalAsset(ref) || localNames.containsKey(ref)) {
                    continue;
                }
                String name = fileName(ref);
                if (!name.equals("scores.json") && !name.equals("scores.csv")) {
                    Files.write(
                            dir.resolve(name),
                            Http.getOk(reportUri.resolve(ref).toString()).body());
                }
                localNames.put(ref, name);
            }
            for (var entry : localNames.entrySet()) {
                html = html.replace("\"" + entry.getKey() + "\"", "\"" + entry.getValue() + "\"");
            }
            Path index = dir.resolve("index.html");
            Files.writeString(index, html, StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + dir, e);
        }
    }

    static boolean isLocalAsset(String ref) {
        String lower = ref.toLowerCase(java.util.Locale.ROOT);
        boolean external = lower.startsWith("http:")
                || lower.startsWith("https:")
                || lower.startsWith("data:")
                || lower.startsWith("mailto:")
                || lower.startsWith("//");
        return !external && lower.matches(".*\\.(png|svg|jpg|jpeg|csv|json|css|js)$");
    }

    static String fileName(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
