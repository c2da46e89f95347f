package io.transferlab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.events.TransferLabEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden fixtures under {@code src/test/resources/fixtures}: {@code <Event>.v1.json}, and variants
 * {@code <Event>.v1.<variant>.json}. Changing one changes the wire contract on purpose.
 */
final class Fixtures {
    private Fixtures() {}

    record Fixture(String fileName, EventTypes.EventType type, byte[] bytes) {
        JsonNode tree() {
            return Fixtures.tree(bytes);
        }

        TransferLabEvent read() {
            return EventCodec.fromJson(bytes, type.javaType());
        }

        @Override
        public String toString() {
            return fileName;
        }
    }

    static List<Fixture> all() {
        Path folder = folder("fixtures");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(Fixtures::fixture)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fixture of(String fileName) {
        return fixture(folder("fixtures").resolve(fileName));
    }

    static Path folder(String resource) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(resource).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Fixture fixture(Path file) {
        String name = file.getFileName().toString();
        String ceType = EventTypes.PREFIX + name.substring(0, name.indexOf(".v") + 3);
        EventTypes.EventType type = EventTypes.byCeType(ceType)
                .orElseThrow(() -> new IllegalStateException("fixture " + name + " names no event type"));
        try {
            return new Fixture(name, type, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
