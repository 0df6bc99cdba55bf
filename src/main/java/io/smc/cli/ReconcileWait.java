package io.smc.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.Durations;
import io.smc.reconcile.ConfigReconciler;
import io.smc.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Asks for a reconcile and waits for its outcome, as {@code flux reconcile} does: a new value of the manual-trigger
 * annotation, then a poll of the config until {@code status.lastHandledReconcileAt} equals it. Polling, not a watch:
 * a GET every {@link #POLL} costs little and survives a dropped connection without a reconnect path.
 */
final class ReconcileWait {
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Clock clock;
    private final Sleeper sleeper;

    ReconcileWait(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Clock clock() {
        return clock;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /** The request's value: the time now in RFC 3339, as Flux's CLI writes it, so it is new and says when. */
    String requestValue() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant());
    }

    /** {@code {"metadata":{"annotations":{"secret-management.microscaler.io/reconcile": value}}}}. */
    static ObjectNode requestPatch(String value) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("metadata").putObject("annotations").put(ConfigReconciler.RECONCILE_REQUEST, value);
        return patch;
    }

    static Duration timeout(Options options) throws UsageException {
        String text = options.value("--timeout").orElse(null);
        if (text == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration timeout = Durations.parse(text);
            if (!timeout.isNegative() && !timeout.isZero()) {
                return timeout;
            }
        } catch (IllegalArgumentException e) {
            // the usage error below
        }
        throw new UsageException("--timeout takes a duration such as 30s or 2m, not '" + text + "'");
    }

    /**
     * Waits for the request {@code value} to be handled and prints the outcome: exit 0 Ready, 1 not Ready (with the
     * reason and message), {@link ExitCodes#TIMEOUT} when the controller did not handle it in time.
     */
    int await(Cluster cluster, String name, String value, Duration timeout, Terminal terminal, String verb)
            throws CommandFailure, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        terminal.err().println("waiting for " + name + " to be reconciled (request " + value + ")");
        while (true) {
            ConfigView view = new ConfigView(cluster.config(verb, name));
            if (value.equals(view.lastHandledReconcileAt())) {
                if (view.ready().equals("True")) {
                    terminal.out().println("reconciled " + view.namespace() + "/" + name + ": " + view.message());
                    return ExitCodes.OK;
                }
                terminal.out().println("reconcile of " + view.namespace() + "/" + name + " failed: " + view.reason()
                        + ": " + view.message());
                return ExitCodes.FAILURE;
            }
            if (!clock.instant().isBefore(deadline)) {
                terminal.err().println("error: " + verb + " SecretManagerConfig " + view.namespace() + "/" + name
                        + ": the controller did not handle the request within " + Durations.format(timeout)
                        + " (is it running? `" + Main.PROGRAM + " check`)");
                return ExitCodes.TIMEOUT;
            }
            sleeper.sleep(POLL);
        }
    }
}
