package io.transferlab.analytics.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A rendered report: the HTML page and the PNG images it shows. The page refers to every image as
 * {@code report/<name>}, relative to itself, so it works both when served at
 * {@code /experiments/{id}/report} (images under {@code /experiments/{id}/report/<name>}) and when saved
 * with {@link #zip()}: {@code report.html} beside a {@code report/} folder.
 */
public record Report(String html, Map<String, byte[]> images) {
    public static final String HTML_NAME = "report.html";
    public static final String IMAGE_FOLDER = "report/";

    public Report {
        images = Map.copyOf(images);
    }

    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(HTML_NAME));
            zip.write(html.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (var image : new java.util.TreeMap<>(images).entrySet()) {
                zip.putNextEntry(new ZipEntry(IMAGE_FOLDER + image.getKey()));
                zip.write(image.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the report", e);
        }
        return bytes.toByteArray();
    }
}
