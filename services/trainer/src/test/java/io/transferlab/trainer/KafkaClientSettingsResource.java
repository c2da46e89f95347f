package io.transferlab.trainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Harmless extra kafka.* settings, so the Quarkus test sees them reach the clients built from config. */
public class KafkaClientSettingsResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.security.protocol", "PLAINTEXT", "kafka.client.dns.lookup", "use_all_dns_ips");
    }

    @Override
    public void stop() {}
}
