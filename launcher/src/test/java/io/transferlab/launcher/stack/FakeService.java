package io.transferlab.launcher.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Stands in for a packaged Quarkus service in launcher tests: listens on {@code QUARKUS_HTTP_PORT},
 * answers {@code /q/health/ready} and shows its environment at {@code /env}.
 */
public final class FakeService {

    private FakeService() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/env", exchange -> {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(System.getenv())
                    .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
