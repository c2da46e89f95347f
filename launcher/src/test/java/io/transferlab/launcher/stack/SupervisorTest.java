package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.transferlab.launcher.LauncherException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    private static final Backoff FAST =
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(60));

    @TempDir
    Path dir;

    private ServiceProcess shell(String name, String script) {
        return new ServiceProcess(new ServiceSpec(
                name, List.of("sh", "-c", script), Map.of("GREETING", "hello"), 1, dir.resolve(name + ".log"), "/"));
    }

    @Test
    void aKilledServiceIsRestartedWithANewPid() {
        ServiceProcess service = shell("sleeper", "exec sleep 60");
        service.start();
        long firstPid = service.pid();
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger restarted = new AtomicInteger();
        try (Supervisor supervisor = new Supervisor(List.of(service), FAST, log::add, restarted::incrementAndGet)) {
            supervisor.start(Duration.ofMillis(50));

            service.kill();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> supervisor.restarts("sleeper") == 1 && service.isAlive() && restarted.get() == 1);
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(log)
                    .anySatisfy(line -> assertThat(line)
                            .contains("sleeper (pid " + firstPid + ") exited")
                            .contains("restarting in 50 ms (restart #1)"));
        }
        assertThat(service.isAlive()).isFalse();
    }

    @Test
    void aCrashLoopBacksOffExponentiallyUpToTheCap() {
        ServiceProcess service = shell("crasher", "echo crashing; exit 3");
        service.start();
        List<String> log = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor = new Supervisor(List.of(service), FAST, log::add, () -> {})) {
            supervisor.start(Duration.ofMillis(20));

            await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.restarts("crasher") >= 5);
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("exited with status 3; restarting in 50 ms"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("restarting in 100 ms"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("restarting in 200 ms"));
        assertThat(log).anySatisfy(l -> assertThat(l).contains("restarting in 400 ms"));
        assertThat(log).noneSatisfy(l -> assertThat(l).contains("restarting in 800 ms"));
    }

    @Test
    void aServiceStoppedOnPurposeStaysStopped() {
        ServiceProcess service = shell("stopped", "exec sleep 60");
        service.start();
        try (Supervisor supervisor = new Supervisor(List.of(service), FAST, l -> {}, () -> {})) {
            supervisor.start(Duration.ofMillis(20));

            service.stop(Duration.ofSeconds(5));

            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !service.isAlive() && supervisor.restarts("stopped") == 0);
        }
    }

    @Test
    void backoffResetsAfterAStableRun() {
        Backoff backoff = Backoff.standard();

        assertThat(backoff.next(null, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next(Duration.ofSeconds(1), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next(Duration.ofSeconds(16), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next(Duration.ofSeconds(30), Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aServiceThatExitsDuringStartupShowsItsLog() {
        ServiceProcess service =
                shell("broken", "echo \"$GREETING from a broken service\"; echo 'Port 8081 in use'; exit 4");
        service.start();

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(20)))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("broken exited during startup with status 4")
                .hasMessageContaining("hello from a broken service")
                .hasMessageContaining("Port 8081 in use");
    }

    @Test
    void aServiceThatNeverGetsReadyTimesOutWithItsLog() {
        ServiceProcess service = shell("slow", "echo still booting; exec sleep 60");
        service.start();
        try {
            assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(2)))
                    .isInstanceOf(LauncherException.class)
                    .hasMessageContaining("slow did not become healthy within 2 s")
                    .hasMessageContaining("still booting");
        } finally {
            service.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aServiceIsHealthyWhenItsReadinessProbeAnswers200() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        ServiceProcess service = new ServiceProcess(new ServiceSpec(
                "ready",
                List.of("sleep", "60"),
                Map.of(),
                server.getAddress().getPort(),
                dir.resolve("ready.log"),
                "/q/health/ready"));
        service.start();
        try {
            service.awaitHealthy(Duration.ofSeconds(10));
            assertThat(service.isAlive()).isTrue();
        } finally {
            service.stop(Duration.ofSeconds(5));
            server.stop(0);
        }
    }

    @Test
    void aServiceWhoseLivenessProbeAnswersDownIsKilledAndRestartedAndALiveOneIsLeftAlone() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health/live", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        ServiceProcess service = new ServiceProcess(new ServiceSpec(
                "stuck",
                List.of("sleep", "60"),
                Map.of(),
                server.getAddress().getPort(),
                dir.resolve("stuck.log"),
                "/q/health/ready"));
        service.start();
        long firstPid = service.pid();
        List<String> log = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor =
                new Supervisor(List.of(service), FAST, log::add, () -> {}).probeLiveness(Duration.ofMillis(100), 3)) {
            supervisor.start(Duration.ofMillis(20));
            // While it answers UP, probe after probe, it is left alone.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> service.isAlive() && service.pid() == firstPid && supervisor.restarts("stuck") == 0);

            status.set(503); // a consumer loop died: the service says it is not live

            await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.restarts("stuck") >= 1 && service.isAlive());
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(log)
                    .anySatisfy(line -> assertThat(line)
                            .contains("stuck (pid " + firstPid + ") is not live")
                            .contains("/q/health/live answered DOWN"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceThatNeverAnswersLiveAfterItsStartIsKilledAndRestartedAfterTheStartupDeadline() throws Exception {
        ServiceProcess service = new ServiceProcess(new ServiceSpec(
                "hung", List.of("sleep", "60"), Map.of(), freePort(), dir.resolve("hung.log"), "/q/health/ready"));
        service.start();
        long firstPid = service.pid();
        List<String> log = new CopyOnWriteArrayList<>();
        try (Supervisor supervisor = new Supervisor(List.of(service), FAST, log::add, () -> {})
                .probeLiveness(Duration.ofMillis(100), 3)
                .startupDeadline(Duration.ofSeconds(2))) {
            supervisor.start(Duration.ofMillis(20));
            // Still within its deadline: left alone, though it answers nothing.
            await().during(Duration.ofMillis(1200))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> service.pid() == firstPid && supervisor.restarts("hung") == 0);

            await().atMost(Duration.ofSeconds(15)).until(() -> supervisor.restarts("hung") >= 1 && service.isAlive());
            assertThat(service.pid()).isNotEqualTo(firstPid);
            assertThat(log)
                    .anySatisfy(line -> assertThat(line)
                            .contains("hung (pid " + firstPid + ") has not answered /q/health/live UP"));
        }
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
