package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.source.flux.TestTar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes that end: two controllers with leader election, of which only the leader writes and the other finishes
 * the work once the leader is killed with SIGKILL; and a controller stopped with SIGTERM in the middle of a large
 * reconcile, which exits cleanly and whose successor completes the work without writing any value twice. The
 * canary then reads everything they printed and wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerFailoverIT {
    private static final String LEADER = "leader_election_master_status{name=\"secret-manager-controller-leader\"}";
    /** Longer than Eventually's limit: a standby waits out the 15 s lease of a leader that died without a word. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);

    private EndToEnd world;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        world = new EndToEnd(work);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private Map<String, String> keys(String label, int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put("svc-K" + i, world.canary.plainValue(label + "-" + i));
        }
        return values;
    }

    private static TestTar files(Map<String, String> values) {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((name, value) -> env.put(name.substring("svc-".length()), value));
        return EndToEnd.envFiles(Map.of("svc", EndToEnd.env(env)));
    }

    @Test
    @Order(1)
    void onlyTheLeaderWritesAndAStandbyFinishesTheWorkOfAKilledLeader() throws Exception {
        RunningController first = world.startJar("grpc", "--leader-elect");
        RunningController second = world.startJar("grpc", "--leader-elect");
        Map<String, String> values = keys("leader", 5);
        String revision = world.publish("leader", files(values));
        world.createConfig("leader", spec -> spec.put("reconcileInterval", "1h"));
        world.awaitReady("leader", revision);

        RunningController leader = EndToEnd.sample(world.scrape(first), LEADER) == 1 ? first : second;
        RunningController standby = leader == first ? second : first;
        String standbyMetrics = world.scrape(standby);
        assertEquals(1, EndToEnd.sample(world.scrape(leader), LEADER));
        assertEquals(0, EndToEnd.sample(standbyMetrics, LEADER));
        assertEquals(0, providerCalls(standbyMetrics), "the standby made no call to Secret Manager");
        assertTrue(providerCalls(world.scrape(leader)) > 0, "the leader did");
        assertEquals(EndToEnd.firstVersions(values), world.project("leader"));

        world.kill(leader);
        String changed = world.canary.plainValue("leader-changed");
        Map<String, List<String>> expected = new TreeMap<>(world.project("leader"));
        expected.put("svc-K2", List.of(expected.get("svc-K2").get(0), "2:ENABLED:" + changed));
        values.put("svc-K2", changed);
        String next = world.publish("leader", files(values));
        world.await("the standby taking over and publishing " + next, () -> world.ready("leader").path("status")
                .asText().equals("True") && world.status("leader").path("lastAppliedRevision").asText().equals(next),
                "leader", TAKEOVER);

        assertEquals(expected, world.project("leader"), "one new version of the changed key, nothing else");
        assertEquals(1, EndToEnd.sample(world.scrape(standby), LEADER));
        assertEquals(0, world.stop(standby));
    }

    /** Every {@code secret_manager_provider_requests_total} sample added up. */
    private static double providerCalls(String metrics) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("secret_manager_provider_requests_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    @Order(2)
    void aStopInTheMiddleOfALargeReconcileExitsCleanlyAndTheNextStartWritesNothingTwice() throws Exception {
        int count = 200;
        // Slow answers and a write quota the limiter paces at 50 a second: the reconcile takes seconds, so the stop
        // comes in its middle.
        world.secretManager.setLatency(Duration.ofMillis(50));
        String[] flags = {"--shutdown-timeout", "2s", "--gcp-quotas", "write=3000"};
        RunningController controller = world.startJar("grpc", flags);
        Map<String, String> values = keys("large", count);
        String revision = world.publish("large", files(values));
        world.createConfig("large", spec -> { });
        world.await("a few secrets written", () -> world.secretManager.secretIds(EndToEnd.projectOf("large")).size()
                >= 20, "large");

        assertEquals(0, world.stop(controller), "a clean exit");
        int written = world.secretManager.secretIds(EndToEnd.projectOf("large")).size();
        assertTrue(written < count, "stopped in the middle: " + written + " of " + count);
        assertTrue(controller.err().contains("\"msg\":\"stopped\""), controller::toString);

        RunningController next = world.startJar("grpc", flags);
        world.awaitReady("large", revision);
        world.secretManager.setLatency(Duration.ZERO);
        assertEquals(EndToEnd.firstVersions(values), world.project("large"), "every value once, none twice");
        assertEquals(0, world.stop(next));
    }

    @Test
    @Order(100)
    void noValueLeaksIntoAnythingTheControllersPrintedServedOrWrote() {
        world.collectClusterState();
        assertEquals(List.of(), world.canary.findings());
        assertTrue(world.canary.sawText("svc-K2"), "the canary read the names the controllers wrote");
    }
}
