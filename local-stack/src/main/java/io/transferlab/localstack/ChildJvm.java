package io.transferlab.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java child process started from a classpath resource file written at build time, its output
 * appended to a log file. Each child watches this JVM's pid and exits when it is gone, so a crashed
 * test run leaves no broker behind.
 */
public final class ChildJvm {

    /** System property read by the child mains: the pid to watch. */
    public static final String PARENT_PID_PROPERTY = "transferlab.localstack.parent-pid";

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private final Map<String, String> environment;
    private volatile Process process;

    private ChildJvm(String name, List<String> command, Path logFile, Map<String, String> environment) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param classpathResource name of a resource next to this class, e.g. {@code kafka.classpath}
     * @param jvmOptions        heap and system properties
     * @param mainClass         main class of the child; the local-stack classes are on its classpath too
     * @param watchParent       whether the child exits when this JVM is gone
     */
    public static ChildJvm of(
            String name,
            String classpathResource,
            List<String> jvmOptions,
            String mainClass,
            List<String> args,
            Path logFile,
            boolean watchParent) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        if (watchParent) {
            command.add(
                    "-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        }
        command.add("-cp");
        command.add(ownLocation() + java.io.File.pathSeparator + readClasspath(classpathResource));
        command.add(mainClass);
        command.addAll(args);
        return new ChildJvm(name, command, logFile, Map.of());
    }

    /**
     * The same child with these environment variables: the way to hand it a secret, which a command line
     * ({@code ps}) or a configuration file on disk would show.
     */
    public ChildJvm withEnvironment(Map<String, String> variables) {
        return new ChildJvm(name, command, logFile, variables);
    }

    public static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar or classes folder holding this module, so the child mains can be run. */
    static String ownLocation() {
        try {
            return Paths.get(ChildJvm.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the local-stack classes", e);
        }
    }

    static String readClasspath(String resource) {
        try (InputStream in = ChildJvm.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Classpath file " + resource + " is missing: build local-stack with Maven"
                                + " (mvn -pl local-stack install) so that it is generated");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(entry))) {
                    throw new IllegalStateException("Jar " + entry + " from " + resource + " is not in the local Maven"
                            + " repository: run mvn -pl local-stack dependency:resolve");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits up to {@code pause} for the child to exit; returns true when it is no longer running. */
    public boolean waitForExit(Duration pause) {
        Process p = process;
        if (p == null) {
            return true;
        }
        try {
            return p.waitFor(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public synchronized void stop(Duration grace) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!waitForExit(grace)) {
            p.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** The last lines of the log, for error messages. */
    public String logTail(int lines) {
        return tail(logFile, lines);
    }

    public static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", log " + logFile + "]";
    }
}
