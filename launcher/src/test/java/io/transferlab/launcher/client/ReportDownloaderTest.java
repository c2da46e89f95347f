package io.transferlab.launcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDownloaderTest {

    private static final String SCORES = """
            {"experimentId":"exp1","scores":{"arms":[
              {"direction":"a-to-b","arm":"base","n":0,"accuracy":{"mean":0.91,"low":0.9,"high":0.92,"count":1,"method":"t"}},
              {"direction":"a-to-b","arm":"transfer","n":1,"accuracy":{"mean":0.905,"count":1}},
              {"direction":"a-to-b","arm":"selffer","n":1,"accuracy":{"mean":0.9,"count":1}}],
             "effects":[{"direction":"a-to-b","effect":"generality","n":1,"value":{"mean":-0.005,"count":1}}],
             "jobsDone":3,"jobsTotal":3}}
            """;

    @Test
    void reportIsSavedWithItsChartsAndLocalLinks(@TempDir Path dir) throws Exception {
        Map<String, byte[]> routes = Map.of(
                "/experiments/exp1/scores", SCORES.getBytes(StandardCharsets.UTF_8),
                "/experiments/exp1/scores.csv", "direction,arm,n,mean\n".getBytes(StandardCharsets.UTF_8),
                "/experiments/exp1/report", """
                        <html><body><img src="report/accuracy-a-to-b.png">
                        <img src="/experiments/exp1/report/effects.png"><a href="scores.csv">csv</a>
                        <a href="https://example.org/paper">paper</a></body></html>""".getBytes(StandardCharsets.UTF_8),
                "/experiments/exp1/report/accuracy-a-to-b.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1},
                "/experiments/exp1/report/effects.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 2});
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = routes.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            Path index = ReportDownloader.download(
                    "http://127.0.0.1:" + server.getAddress().getPort(), "exp1", dir.resolve("out"));

            Path out = dir.resolve("out");
            assertThat(index).isEqualTo(out.resolve("index.html"));
            assertThat(out.resolve("accuracy-a-to-b.png")).hasBinaryContent(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1});
            assertThat(out.resolve("effects.png")).hasBinaryContent(new byte[] {(byte) 0x89, 'P', 'N', 'G', 2});
            assertThat(out.resolve("scores.json")).hasContent(SCORES);
            assertThat(out.resolve("scores.csv")).hasContent("direction,arm,n,mean\n");
            assertThat(Files.readString(index))
                    .contains(
                            "src=\"accuracy-a-to-b.png\"",
                            "src=\"effects.png\"",
                            "href=\"scores.csv\"",
                            "href=\"https://example.org/paper\"");
        } finally {
            server.stop(0);
        }
    }
}
