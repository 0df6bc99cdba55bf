package io.smc.cli;

import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.testing.MutableClock;
import io.smc.runtime.WatchedKinds;
import io.smc.time.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster verbs against a fake API server: a kubeconfig pointing at it, a clock the test moves and a sleeper
 * that moves it (and runs the test's hook, standing in for the controller) instead of waiting.
 */
final class ClusterCli implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final String TOKEN = "cluster-cli-test-token";

    final FakeApiServer api;
    final MutableClock clock = new MutableClock(NOW);
    final Path kubeconfig;
    final List<java.time.Duration> sleeps = new ArrayList<>();
    private volatile Runnable onSleep = () -> { };
    private Map<String, String> environment = Map.of();

    ClusterCli(Path dir) {
        api = FakeApiServer.start(clock);
        api.serve(WatchedKinds.CONFIGS);
        kubeconfig = dir.resolve("kubeconfig");
        try {
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    current-context: fake
                    clusters: [{name: fake, cluster: {server: "%s"}}]
                    contexts: [{name: fake, context: {cluster: fake, user: me, namespace: apps}}]
                    users: [{name: me, user: {token: %s}}]
                    """.formatted(api.uri(), TOKEN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs on every wait of a polling verb, after the clock moved by the wait. */
    void onSleep(Runnable hook) {
        onSleep = hook;
    }

    void environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--kubeconfig");
        all.add(kubeconfig.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        Sleeper sleeper = duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            onSleep.run();
        };
        int code = Main.withAllCommands(clock, sleeper).run(all, terminal);
        CliRun run = new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (run.all().contains(TOKEN)) {
            throw new AssertionError("the bearer token was printed:\n" + run);
        }
        return run;
    }

    @Override
    public void close() {
        api.close();
    }
}
