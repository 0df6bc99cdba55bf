package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.Eventually;
import io.smc.log.LogFields;
import io.smc.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkersLoggingTest {
    private static final Logger LOGGER = Logger.getLogger(Workers.class.getName());

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final FakeTicker ticker = new FakeTicker();
    private final MetricsRegistry registry = new MetricsRegistry();
    private final WorkQueue queue = WorkQueue.create("smc", registry, ticker, Duration.ofSeconds(1),
            Duration.ofSeconds(8), new Random(3));
    private Level previousLevel;
    private Workers workers;

    @BeforeEach
    void captureLogs() {
        previousLevel = LOGGER.getLevel();
        LOGGER.setLevel(Level.FINE);
        capture.setLevel(Level.ALL);
        LOGGER.addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(10));
        }
        LOGGER.removeHandler(capture);
        LOGGER.setLevel(previousLevel);
    }

    private void run(Reconciler reconciler, String key) {
        workers = new Workers("smc", queue, reconciler, WorkerOptions.defaults().withConcurrency(1), ticker,
                registry);
        workers.start();
        queue.add(key);
        Eventually.await("the outcome to be logged", () -> outcome() != null, records::toString);
    }

    private LogRecord outcome() {
        return records.stream().filter(record -> !record.getMessage().equals("reconcile started")).findFirst()
                .orElse(null);
    }

    private static Map<String, Object> fields(LogRecord record) {
        return ((LogFields) record.getParameters()[0]).values();
    }

    @Test
    void aFailureIsLoggedAtWarnWithItsClassButNotAMessageThatMayQuoteInput() {
        run((ns, name) -> {
            ticker.advance(Duration.ofMillis(40));
            throw new IllegalStateException("cannot parse password=hunter2");
        }, "team-a/payments");

        LogRecord failed = outcome();
        assertEquals(Level.WARNING, failed.getLevel());
        assertEquals("reconcile failed", failed.getMessage());
        Map<String, Object> fields = fields(failed);
        assertEquals("team-a", fields.get("namespace"));
        assertEquals("payments", fields.get("name"));
        assertEquals("java.lang.IllegalStateException", fields.get("error"));
        assertEquals(40L, fields.get("durationMs"));
        assertEquals(1, fields.get("retries"));
        assertTrue((Long) fields.get("nextDelayMs") > 0);
        assertFalse(records.toString().contains("hunter2") || fields.toString().contains("hunter2"));
    }

    @Test
    void aTerminalFailureIsLoggedWithItsMessage() {
        run((ns, name) -> {
            throw new TerminalException("spec.sourceRef.kind Foo is not supported");
        }, "team-a/payments");

        LogRecord failed = outcome();
        assertEquals(Level.WARNING, failed.getLevel());
        assertEquals("io.smc.runtime.TerminalException: spec.sourceRef.kind Foo is not supported",
                fields(failed).get("error"));
        assertFalse(fields(failed).containsKey("nextDelayMs"), "not requeued");
    }

    @Test
    void startAndSuccessAreLoggedAtDebugUnderOneReconcileId() {
        run((ns, name) -> Result.after(Duration.ofMinutes(5)), "team-a/payments");

        LogRecord started = records.get(0);
        LogRecord reconciled = outcome();
        assertEquals(Level.FINE, started.getLevel());
        assertEquals(Level.FINE, reconciled.getLevel());
        Object id = fields(started).get("reconcileID");
        assertTrue(id.toString().matches("[0-9a-f]{8}"), id.toString());
        assertEquals(id, fields(reconciled).get("reconcileID"));
        assertEquals("requeue_after", fields(reconciled).get("result"));
        assertEquals(300_000L, fields(reconciled).get("nextDelayMs"));
    }
}
