package io.smc.provider.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.smc.kube.testing.MutableClock;
import io.smc.metrics.MetricsRegistry;
import io.smc.plan.AppliedAction;
import io.smc.plan.Applier;
import io.smc.plan.KnownValues;
import io.smc.plan.Ownership;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.plan.PublishPolicy;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.secrets.DesiredState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The provider benchmark's phases against an in-process fake Secret Manager that answers after a latency and
 * enforces the project's quotas, through a store built as the controller builds one (the official client, the
 * project's quota limiter, the default retries, the metrics) and the controller's planner and applier. Each phase
 * is a plan and its apply, as one reconcile does.
 */
final class ProviderBenchmarkRun implements AutoCloseable {
    static final String PROJECT = "bench-project";
    /** The last phase changes every hundredth value: 1 %. */
    static final int CHANGE_EVERY = 100;
    // Any fixed start will do: only the memory of known values reads this clock, to decide when a check is due.
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final BenchmarkSettings settings;
    private final FakeSecretManager fake;
    private final SecretManagerServiceClient client;
    private final RegisteredProviderMetrics metrics;
    private final GcpSecretStore store;
    private final PublishPolicy policy = PublishPolicy.defaults(Ownership.of("bench", "provider-benchmark"));
    private final MutableClock clock = new MutableClock(START);

    private ProviderBenchmarkRun(BenchmarkSettings settings, FakeSecretManager fake, SecretManagerServiceClient client) {
        this.settings = settings;
        this.fake = fake;
        this.client = client;
        this.metrics = new RegisteredProviderMetrics(new MetricsRegistry());
        this.store = new GcpSecretStore(client, PROJECT, null, QuotaLimiter.system(settings.clientQuotas()),
                Retrier.system(RetryPolicy.defaults()), metrics);
    }

    /** Starts the fake with the settings' latency and quotas, and connects to it. */
    static ProviderBenchmarkRun start(BenchmarkSettings settings) throws IOException {
        FakeSecretManager fake = FakeSecretManager.start(PROJECT);
        try {
            fake.setLatency(settings.latency());
            fake.setQuota(io.smc.provider.gcp.fake.CallClass.WRITE, settings.writesPerMinute());
            fake.setQuota(io.smc.provider.gcp.fake.CallClass.READ, settings.readsPerMinute());
            fake.setQuota(io.smc.provider.gcp.fake.CallClass.ACCESS, settings.accessesPerMinute());
            String address = settings.transport() == GcpTransport.REST
                    ? fake.endpoint().substring("http://".length()) : fake.target();
            SecretManagerServiceClient client = GcpClients.create(settings.transport(),
                    new GcpEndpoint(address, true), NoCredentialsProvider.create());
            return new ProviderBenchmarkRun(settings, fake, client);
        } catch (IOException | RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    /** Runs every phase in order, handing each one's figures to {@code done} as soon as it ends. */
    List<PhaseFigures> run(Consumer<PhaseFigures> done) throws StoreException {
        List<PhaseFigures> figures = new ArrayList<>();
        Consumer<PhaseFigures> record = phase -> {
            figures.add(phase);
            done.accept(phase);
        };
        DesiredState desired = BenchmarkSecrets.initial(settings.secrets());
        KnownValues memory = new KnownValues(clock);
        record.accept(phase(BenchmarkPhase.INITIAL_SYNC, desired, memory));
        record.accept(phase(BenchmarkPhase.STEADY_STATE, desired, memory));
        // The interval is counted from when each value was confirmed; the last were confirmed at START.
        clock.advance(policy.driftCheckInterval().plusSeconds(1));
        record.accept(phase(BenchmarkPhase.DRIFT_CHECK, desired, memory));
        KnownValues afterRestart = new KnownValues(clock);
        record.accept(phase(BenchmarkPhase.RESTART, desired, afterRestart));
        record.accept(phase(BenchmarkPhase.ONE_PERCENT_CHANGED,
                BenchmarkSecrets.changingEvery(desired, CHANGE_EVERY), afterRestart));
        return figures;
    }

    private PhaseFigures phase(BenchmarkPhase phase, DesiredState desired, KnownValues memory)
            throws StoreException {
        fake.resetCounters();
        Map<String, Long> attemptsBefore = clientAttempts();
        long start = System.nanoTime();
        Plan plan = new Planner(store, policy, memory, settings.parallelism()).plan(desired);
        if (!plan.conflicts().isEmpty() || !plan.problems().isEmpty()) {
            throw new IllegalStateException(phase.title() + ": the plan has " + plan.conflicts().size()
                    + " conflict(s) and " + plan.problems().size() + " problem(s); the benchmark's set-up is wrong");
        }
        List<AppliedAction> results = new Applier(store, policy, memory, settings.parallelism()).apply(plan);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int failed = (int) results.stream().filter(AppliedAction::failed).count();
        Map<String, Long> attempts = clientAttempts();
        attempts.replaceAll((rpc, count) -> count - attemptsBefore.getOrDefault(rpc, 0L));
        attempts.values().removeIf(count -> count == 0);
        return new PhaseFigures(phase, desired.secrets().size(), elapsed, fake.calls(), attempts,
                fake.resourceExhausted(), failed, settings.writesPerMinute(), ProcessMemory.now());
    }

    /** The attempts the store's metrics counted so far, by RPC, whatever the answer. */
    private Map<String, Long> clientAttempts() {
        Map<String, Long> attempts = new HashMap<>();
        for (GcpMethod method : GcpMethod.values()) {
            long count = 0;
            for (StatusCode.Code code : StatusCode.Code.values()) {
                count += (long) metrics.requests(method.rpc(), code.name());
            }
            attempts.put(method.rpc(), count);
        }
        return attempts;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            fake.close();
        }
    }
}
