package io.transferlab.analytics.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.TransferLabEvent;
import java.util.List;

/**
 * One experiment's ledger as the analytics' state topic keeps it: every fact it recorded (each event with
 * its CloudEvents type), the anomalies found on ingest, and the last scores seen on the scores topic.
 * Restoring it and then reading events it already holds changes nothing (they are known by id).
 */
public record LedgerSnapshot(String experimentId, List<Fact> facts, List<Anomaly> anomalies, Fact lastScores) {

    /** An event as stored: its CloudEvents type and its JSON body. */
    public record Fact(String type, JsonNode body) {
        static Fact of(TransferLabEvent event) {
            return new Fact(EventTypes.of(event).ceType(), EventCodec.mapper().valueToTree(event));
        }

        TransferLabEvent event() {
            return EventCodec.fromCloudEvent(type, EventCodec.toJson(body));
        }
    }
}
