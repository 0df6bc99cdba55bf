package io.smc.provider.gcp;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link GcpProviderBenchmark} runs: how many secrets, the fake's answer latency, the factor applied to every
 * quota (the fake's and the client's alike), the threads of the planner and applier, and the transport.
 *
 * @param scale the fake enforces 600 x scale writes and reads and 90,000 x scale accesses a minute, and the client
 *              paces itself by {@link QuotaSettings#defaults()} scaled the same way
 */
record BenchmarkSettings(int secrets, Duration latency, double scale, int parallelism, GcpTransport transport) {
    static final BenchmarkSettings DEFAULTS = new BenchmarkSettings(10_000, Duration.ofMillis(20), 10,
            GcpStoreFactory.PARALLELISM, GcpTransport.GRPC);
    private static final List<String> NAMES = List.of("SECRETS", "LATENCY_MS", "SCALE", "PARALLELISM", "TRANSPORT");

    BenchmarkSettings {
        if (secrets < 1 || parallelism < 1 || !(scale > 0) || Double.isInfinite(scale) || latency.isNegative()) {
            throw new IllegalArgumentException("SECRETS and PARALLELISM must be at least 1, SCALE positive and "
                    + "LATENCY_MS not negative");
        }
    }

    /**
     * The defaults, overridden by the environment's SECRETS, LATENCY_MS, SCALE, PARALLELISM and TRANSPORT, which
     * arguments of the form {@code NAME=value} override in turn.
     */
    static BenchmarkSettings from(Map<String, String> environment, String... args) {
        Map<String, String> given = new HashMap<>();
        for (String name : NAMES) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                given.put(name, value.trim());
            }
        }
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("arguments are NAME=value, not '" + arg + "'");
            }
            String name = arg.substring(0, equals).toUpperCase(Locale.ROOT);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown setting " + name + "; known: " + NAMES);
            }
            given.put(name, arg.substring(equals + 1).trim());
        }
        return new BenchmarkSettings(
                Integer.parseInt(given.getOrDefault("SECRETS", Integer.toString(DEFAULTS.secrets))),
                Duration.ofMillis(Long.parseLong(given.getOrDefault("LATENCY_MS",
                        Long.toString(DEFAULTS.latency.toMillis())))),
                Double.parseDouble(given.getOrDefault("SCALE", Double.toString(DEFAULTS.scale))),
                Integer.parseInt(given.getOrDefault("PARALLELISM", Integer.toString(DEFAULTS.parallelism))),
                GcpTransport.parse(given.get("TRANSPORT")));
    }

    /** The project's write quota a minute, as the fake enforces it. */
    int writesPerMinute() {
        return perMinute(QuotaSettings.defaults().writePerMinute());
    }

    int readsPerMinute() {
        return perMinute(QuotaSettings.defaults().readPerMinute());
    }

    int accessesPerMinute() {
        return perMinute(QuotaSettings.defaults().accessPerMinute());
    }

    /** What the client paces itself by: the service's defaults, scaled as the fake's quotas are. */
    QuotaSettings clientQuotas() {
        return QuotaSettings.defaults().scaled(scale);
    }

    private int perMinute(double unscaled) {
        return (int) Math.round(unscaled * scale);
    }

    String describe() {
        return secrets + " secrets, " + latency.toMillis() + " ms latency per call, quotas x" + format(scale)
                + " (" + writesPerMinute() + " writes, " + readsPerMinute() + " reads, " + accessesPerMinute()
                + " accesses a minute), " + parallelism + " threads, " + transport.name().toLowerCase(Locale.ROOT);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
