package io.transferlab.launcher.cli;

import io.transferlab.launcher.stack.StateDir;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the stack is, for the commands that talk to one: the option if given, else the environment
 * ({@code KAFKA_BOOTSTRAP}, {@code COORDINATOR_URL}, {@code ANALYTICS_URL}, as {@code eval $(./transferlab up)}
 * sets them), else {@code .transferlab/stack.env} of a running {@code up}, else the default ports.
 */
public final class Endpoints {

    private Endpoints() {}

    public static String kafka(String option, Path stateDir) {
        return resolve(option, "KAFKA_BOOTSTRAP", stateDir, "localhost:9092");
    }

    public static String coordinator(String option, Path stateDir) {
        return resolve(option, "COORDINATOR_URL", stateDir, "http://localhost:8081");
    }

    public static String analytics(String option, Path stateDir) {
        return resolve(option, "ANALYTICS_URL", stateDir, "http://localhost:8083");
    }

    static String resolve(String option, String key, Path stateDir, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String env = System.getenv(key);
        if (env != null && !env.isBlank()) {
            return env;
        }
        Map<String, String> state = new StateDir(stateDir).env();
        return state.getOrDefault(key, fallback);
    }
}
