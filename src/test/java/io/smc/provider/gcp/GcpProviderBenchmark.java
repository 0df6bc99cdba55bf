package io.smc.provider.gcp;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints what the Google Cloud provider costs in calls and time: an initial sync, a steady-state resync, a drift
 * check, a resync after a restart and a 1 % change, against an in-process fake with latency and quota enforcement
 * (see {@link ProviderBenchmarkRun}), then the monthly access cost those calls add up to at the defaults. Figures
 * only; {@code GcpProviderBenchmarkTest} asserts the same phases' call counts. Run by {@code scripts/bench-gcp.sh};
 * settings from the environment or {@code NAME=value} arguments (see {@link BenchmarkSettings}).
 */
public final class GcpProviderBenchmark {
    private GcpProviderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.from(System.getenv(), args);
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java "
                + System.getProperty("java.version"));
        System.out.println("settings: " + settings.describe());
        List<PhaseFigures> phases;
        try (ProviderBenchmarkRun run = ProviderBenchmarkRun.start(settings)) {
            phases = run.run(GcpProviderBenchmark::print);
        }
        printSummary(phases);
        printCostModel(AccessCostModel.atDefaults(find(phases, BenchmarkPhase.STEADY_STATE),
                find(phases, BenchmarkPhase.DRIFT_CHECK)));
        boolean clean = phases.stream().allMatch(p -> p.failedActions() == 0 && p.resourceExhausted() == 0);
        if (!clean) {
            System.out.println("FAILED: some phase had failed actions or RESOURCE_EXHAUSTED answers");
            System.exit(1);
        }
    }

    private static void print(PhaseFigures phase) {
        System.out.println();
        System.out.println(phase.phase().title() + " (expected: " + phase.phase().expected() + ")");
        System.out.println(format("  wall time            %.2f s", seconds(phase)));
        System.out.println("  calls                " + (phase.totalCalls() == 0 ? "none" : phase.sortedCalls()
                .entrySet().stream().map(call -> format("%s %,d (%.4f per secret)", call.getKey(),
                        call.getValue(), call.getValue() / (double) phase.secrets()))
                .collect(Collectors.joining(", "))));
        if (!phase.metricsMatchTheServer()) {
            System.out.println("  client's metrics     " + phase.clientAttempts() + " (differ from the calls received)");
        }
        System.out.println("  RESOURCE_EXHAUSTED   " + phase.resourceExhausted());
        if (phase.quotaBound()) {
            System.out.println(format("  write rate           %,.0f writes/min = %.1f %% of the %,d/min quota",
                    phase.writesPerMinute(), 100 * phase.writeShareOfQuota(), phase.writesPerMinuteQuota()));
        } else if (phase.writes() > 0) {
            System.out.println(format("  write rate           not measured: %,d writes, too few to be paced by the "
                    + "%,d/min quota", phase.writes(), phase.writesPerMinuteQuota()));
        }
        System.out.println("  failed actions       " + phase.failedActions());
        System.out.println("  memory               " + phase.memory().describe());
    }

    private static void printSummary(List<PhaseFigures> phases) {
        System.out.println();
        System.out.println("| phase | wall time | calls per secret | RESOURCE_EXHAUSTED | writes ÷ quota | failed |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (PhaseFigures phase : phases) {
            String calls = phase.totalCalls() == 0 ? "0" : phase.sortedCalls().entrySet().stream()
                    .map(call -> format("%s %s", call.getKey(), perSecret(call.getValue(), phase.secrets())))
                    .collect(Collectors.joining(", "));
            System.out.println(format("| %s | %.2f s | %s | %d | %s | %d |", phase.phase().title(), seconds(phase),
                    calls, phase.resourceExhausted(),
                    phase.quotaBound() ? format("%.1f %%", 100 * phase.writeShareOfQuota()) : "–",
                    phase.failedActions()));
        }
    }

    private static void printCostModel(AccessCostModel cost) {
        System.out.println();
        System.out.println(format("access cost at the defaults: %,d secrets, a resync every %d min, a drift check "
                + "every %d min, $%.2f per 10,000 accesses, %d-day months", cost.secrets(),
                cost.reconcileInterval().toMinutes(), cost.driftCheckInterval().toMinutes(),
                AccessCostModel.DOLLARS_PER_10K_ACCESSES, AccessCostModel.DAYS_PER_MONTH));
        System.out.println(format("  measured: %.4f accesses per secret per steady-state resync, %.4f per drift check",
                cost.accessesPerSecretPerResync(), cost.accessesPerSecretPerDriftCheck()));
        System.out.println(format("  this controller:      %,.1f accesses per secret per day, %,.0f a month, $%,.2f a month",
                cost.accessesPerSecretPerDay(), cost.accessesPerMonth(), cost.dollarsPerMonth()));
        System.out.println(format("  reading every resync: %,.1f accesses per secret per day, %,.0f a month, $%,.2f a month",
                cost.resyncsPerDay(), cost.readEveryResyncAccessesPerMonth(), cost.readEveryResyncDollarsPerMonth()));
    }

    /** "1" for exactly one per secret, "0.0001" for a single call among 10,000, and so on. */
    private static String perSecret(int calls, int secrets) {
        double share = calls / (double) secrets;
        return share == Math.rint(share) ? Long.toString((long) share) : format("%.4f", share);
    }

    private static PhaseFigures find(List<PhaseFigures> phases, BenchmarkPhase wanted) {
        return phases.stream().filter(p -> p.phase() == wanted).findFirst().orElseThrow();
    }

    private static double seconds(PhaseFigures phase) {
        return phase.elapsed().toNanos() / 1e9;
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
