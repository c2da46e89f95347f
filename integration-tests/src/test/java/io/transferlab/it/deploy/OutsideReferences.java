package io.transferlab.it.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds what in a source tree points outside it: a relative Markdown link or image that leaves the tree or names
 * a file that does not exist, and any mention of the team folder next to the checkout or of an absolute path of
 * the build machine. Web links ({@code https:}, {@code mailto:}) are fine.
 */
final class OutsideReferences {

    /** Build output, VCS data and local state: not part of the repository's text. */
    private static final Set<String> SKIPPED_FOLDERS =
            Set.of(".git", "target", "node_modules", ".transferlab", "reports", ".idea", ".mvn");

    private static final Set<String> TEXT_SUFFIXES = Set.of(
            ".java",
            ".md",
            ".json",
            ".yaml",
            ".yml",
            ".xml",
            ".properties",
            ".Dockerfile",
            ".dockerignore",
            ".helmignore",
            ".gitignore",
            ".sh",
            ".py",
            ".tpl",
            ".txt",
            ".csv");
    private static final Set<String> TEXT_NAMES = Set.of("transferlab", "run", "Dockerfile");

    /** Written in pieces so that this file does not report itself. */
    private static final Pattern OUTSIDE_PATH =
            Pattern.compile("\\.\\./" + "shared\\b|(?<![\\w.-])shared/(?:science|notes)/|(?<![\\w.])/" + "work/");

    private static final Pattern MARKDOWN_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private OutsideReferences() {}

    /** Every problem under {@code root}, as {@code file:line: what}. */
    static List<String> find(Path root) {
        Path top = root.toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles(top)) {
            List<String> lines = lines(file);
            if (lines == null) {
                continue;
            }
            String name = top.relativize(file).toString();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher outside = OUTSIDE_PATH.matcher(line);
                while (outside.find()) {
                    problems.add(name + ":" + (i + 1) + ": path outside the repository: " + outside.group());
                }
                if (name.endsWith(".md")) {
                    Matcher link = MARKDOWN_LINK.matcher(line);
                    while (link.find()) {
                        String problem = checkLink(top, file, link.group(1));
                        if (problem != null) {
                            problems.add(name + ":" + (i + 1) + ": " + problem);
                        }
                    }
                }
            }
        }
        return problems;
    }

    private static String checkLink(Path top, Path file, String target) {
        if (target.startsWith("#") || SCHEME.matcher(target).find()) {
            return null;
        }
        String path = target.replaceAll("[#?].*$", "");
        if (path.isEmpty()) {
            return null;
        }
        Path resolved = (path.startsWith("/")
                        ? top.resolve(path.substring(1))
                        : file.getParent().resolve(path))
                .normalize();
        if (!resolved.startsWith(top)) {
            return "link leaves the repository: " + target;
        }
        if (!Files.exists(resolved)) {
            return "link to a missing file: " + target;
        }
        return null;
    }

    private static List<Path> textFiles(Path top) {
        try (Stream<Path> walk = Files.walk(top)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> noSkippedFolder(top.relativize(f).getParent()))
                    .filter(OutsideReferences::isText)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean noSkippedFolder(Path relativeDir) {
        if (relativeDir == null) {
            return true;
        }
        for (Path part : relativeDir) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return TEXT_NAMES.contains(name) || TEXT_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** The file's lines, or null when it is not UTF-8 text. */
    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
