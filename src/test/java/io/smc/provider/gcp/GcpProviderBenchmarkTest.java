package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmark's phases in miniature: what each costs in calls, which is what the benchmark's figures rest on.
 * Quotas far above what 50 secrets use, no latency, and no assertion on time.
 */
class GcpProviderBenchmarkTest {
    private static final int SECRETS = 50;

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void eachPhaseCostsExactlyTheCallsItShould(GcpTransport transport) throws Exception {
        BenchmarkSettings settings = new BenchmarkSettings(SECRETS, Duration.ZERO, 1000, 4, transport);
        List<PhaseFigures> phases;
        try (ProviderBenchmarkRun run = ProviderBenchmarkRun.start(settings)) {
            phases = run.run(phase -> { });
        }

        assertEquals(List.of(BenchmarkPhase.values()), phases.stream().map(PhaseFigures::phase).toList());
        int changed = BenchmarkSecrets.changedBy(SECRETS, ProviderBenchmarkRun.CHANGE_EVERY);
        assertEquals(1, changed);
        assertEquals(Map.of("ListSecrets", 1, "CreateSecret", SECRETS, "AddSecretVersion", SECRETS),
                phase(phases, BenchmarkPhase.INITIAL_SYNC).calls());
        assertEquals(Map.of(), phase(phases, BenchmarkPhase.STEADY_STATE).calls(), "memory answers a resync");
        assertEquals(Map.of("AccessSecretVersion", SECRETS), phase(phases, BenchmarkPhase.DRIFT_CHECK).calls());
        assertEquals(Map.of("ListSecrets", 1, "AccessSecretVersion", SECRETS),
                phase(phases, BenchmarkPhase.RESTART).calls());
        assertEquals(Map.of("AccessSecretVersion", changed, "AddSecretVersion", changed),
                phase(phases, BenchmarkPhase.ONE_PERCENT_CHANGED).calls(), "the memory vouches for ownership: no read");
        for (PhaseFigures phase : phases) {
            assertEquals(0, phase.failedActions(), phase.phase().title());
            assertEquals(0, phase.resourceExhausted(), phase.phase().title());
            assertTrue(phase.metricsMatchTheServer(), phase.phase().title() + ": the client's metrics counted "
                    + phase.clientAttempts() + ", the server received " + phase.calls());
        }
        assertEquals(2 * SECRETS, phase(phases, BenchmarkPhase.INITIAL_SYNC).writes());
    }

    @Test
    void theCostModelAddsUpTheMeasuredCallsAtTheDefaults() {
        AccessCostModel cost = AccessCostModel.atDefaults(figures(BenchmarkPhase.STEADY_STATE, Map.of()),
                figures(BenchmarkPhase.DRIFT_CHECK, Map.of("AccessSecretVersion", SECRETS)));

        assertEquals(1440, cost.resyncsPerDay(), 1e-9);
        assertEquals(24, cost.driftChecksPerDay(), 1e-9);
        assertEquals(24, cost.accessesPerSecretPerDay(), 1e-9);
        assertEquals(7_200_000, cost.accessesPerMonth(), 1e-6);
        assertEquals(21.60, cost.dollarsPerMonth(), 1e-9);
        assertEquals(1_296.00, cost.readEveryResyncDollarsPerMonth(), 1e-9);
    }

    @Test
    void aResyncThatAccessedEverySecretWouldCostAsMuchAsReadingEveryTime() {
        AccessCostModel cost = AccessCostModel.atDefaults(
                figures(BenchmarkPhase.STEADY_STATE, Map.of("AccessSecretVersion", SECRETS)),
                figures(BenchmarkPhase.DRIFT_CHECK, Map.of("AccessSecretVersion", SECRETS)));

        assertEquals(cost.readEveryResyncDollarsPerMonth(), cost.dollarsPerMonth(), 1e-9);
    }

    @Test
    void settingsComeFromTheEnvironmentAndArgumentsOverrideIt() {
        assertEquals(BenchmarkSettings.DEFAULTS, BenchmarkSettings.from(Map.of()));

        BenchmarkSettings settings = BenchmarkSettings.from(Map.of("SECRETS", "200", "SCALE", "100"),
                "scale=50", "TRANSPORT=rest");

        assertEquals(new BenchmarkSettings(200, Duration.ofMillis(20), 50, 16, GcpTransport.REST), settings);
        assertEquals(30_000, settings.writesPerMinute());
        assertEquals(4_500_000, settings.accessesPerMinute());
        assertEquals(QuotaSettings.defaults().scaled(50), settings.clientQuotas());
        assertThrows(IllegalArgumentException.class, () -> BenchmarkSettings.from(Map.of(), "SECRET=5"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkSettings.from(Map.of("SECRETS", "0")));
    }

    private static PhaseFigures phase(List<PhaseFigures> phases, BenchmarkPhase wanted) {
        return phases.stream().filter(p -> p.phase() == wanted).findFirst().orElseThrow();
    }

    private static PhaseFigures figures(BenchmarkPhase phase, Map<String, Integer> calls) {
        return new PhaseFigures(phase, SECRETS, Duration.ofSeconds(1), calls, asLongs(calls), 0, 0, 600,
                ProcessMemory.now());
    }

    private static Map<String, Long> asLongs(Map<String, Integer> calls) {
        return calls.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, call -> (long) call.getValue()));
    }
}
