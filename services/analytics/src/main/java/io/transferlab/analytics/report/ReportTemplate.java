package io.transferlab.analytics.report;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The report page as a Qute template ({@code report/report.html} on the class path). Every value is
 * escaped by the engine's HTML escaper, so markup in an experiment id, a job id, a reason or the request
 * comes out as text. A plain engine (not the CDI one) so the renderer works the same in unit tests.
 */
final class ReportTemplate {
    private static final String RESOURCE = "/report/report.html";
    private static final Template PAGE = load();

    private ReportTemplate() {}

    static String render(ReportPage page) {
        return PAGE.data(page).render();
    }

    private static Template load() {
        Engine engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .build();
        try (InputStream in = ReportTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the report template " + RESOURCE + " is missing from the class path");
            }
            return engine.parse(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8), Variant.forContentType(Variant.TEXT_HTML));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template", e);
        }
    }
}
