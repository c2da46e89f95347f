package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads paper-networks.csv: arm, split (the replicate), source half, target half, n, top-1 %. */
final class PaperNetworks {
    private PaperNetworks() {}

    static List<NetworkResult> load() {
        try (InputStream in = PaperNetworks.class.getResourceAsStream("/paper-networks.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<NetworkResult> networks = new ArrayList<>();
            String header = reader.readLine();
            if (!header.equals("arm,split,source_half,target_half,n,top1_percent")) {
                throw new IllegalStateException("unexpected header " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                networks.add(new NetworkResult(
                        Arm.fromWire(f[0]),
                        Integer.parseInt(f[4]),
                        f[2].isEmpty() ? null : Half.valueOf(f[2]),
                        Half.valueOf(f[3]),
                        Long.parseLong(f[1]),
                        Double.parseDouble(f[5])));
            }
            return networks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
