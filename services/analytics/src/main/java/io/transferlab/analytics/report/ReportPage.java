package io.transferlab.analytics.report;

import java.util.List;

/**
 * Everything the report template shows, already formatted as text (percent points); the template only
 * lays it out, and the Qute engine escapes every value.
 */
record ReportPage(
        String experimentId,
        String status,
        boolean partial,
        int jobsRemaining,
        int jobsDone,
        int jobsTotal,
        String metric,
        String metricMeaning,
        long metricFallbacks,
        List<String> transitionLayers,
        List<Figure> figures,
        List<Figure> besideEachOther,
        List<Row> arms,
        List<Row> effects,
        List<TransitionRow> transitionTests,
        List<UnpairedRow> unpaired,
        List<CkaCell> cka,
        List<NetworkRow> networks,
        List<DivergedRow> diverged,
        List<AnomalyRow> anomalies,
        String request) {

    record Figure(String src, String title, String caption) {}

    record Row(String direction, String name, int n, String mean, String low, String high, int count, String method) {}

    record TransitionRow(
            String direction, int n, String mean, int count, String pValue, String holmP, boolean specific) {}

    record UnpairedRow(String direction, String name, int n, String value) {}

    record CkaCell(int layer, String value) {}

    record NetworkRow(
            String jobId,
            int attempt,
            String accuracy,
            String testTop1,
            int epochs,
            String convergence,
            String valGain) {}

    record DivergedRow(String jobId, String arm, int n, String target, long replicate, String reason) {}

    record AnomalyRow(String kind, String event, String jobId, String reason) {}
}
