package io.transferlab.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.launcher.LauncherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP GETs against the services, with timeouts and errors a user can read. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private Http() {}

    /** A response body with its status. */
    public record Response(int status, byte[] body, String contentType) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The body as JSON; a body that is not JSON is a clear error. */
        public JsonNode json() {
            try {
                return EventCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new LauncherException("the service answered something that is not JSON: " + e.getMessage(), e);
            }
        }
    }

    public static Response get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new LauncherException(
                    "Cannot reach " + url + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "); is the stack up? ./transferlab up",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted: GET " + url, e);
        }
    }

    /** GET that must answer 2xx. */
    public static Response getOk(String url) {
        Response response = get(url);
        if (!response.ok()) {
            throw new LauncherException(
                    "GET " + url + " answered " + response.status() + ": " + abbreviate(response.text()));
        }
        return response;
    }

    public static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "..." : oneLine;
    }
}
