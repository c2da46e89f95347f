package io.transferlab.analytics.scoring;

import java.util.List;

/** The paper's networks for tests outside this package (percent points). */
public final class PaperNetworksFixture {
    private PaperNetworksFixture() {}

    public static List<NetworkResult> load() {
        return PaperNetworks.load();
    }
}
