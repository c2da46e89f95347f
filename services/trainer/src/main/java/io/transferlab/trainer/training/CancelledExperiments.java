package io.transferlab.trainer.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Experiments this trainer has seen cancelled since it started (bounded: the oldest are forgotten first). */
public class CancelledExperiments {
    private static final int MAX_REMEMBERED = 10_000;

    private final Set<String> ids = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED;
        }
    }));

    public void cancelled(String experimentId) {
        ids.add(experimentId);
    }

    public boolean isCancelled(String experimentId) {
        return ids.contains(experimentId);
    }
}
