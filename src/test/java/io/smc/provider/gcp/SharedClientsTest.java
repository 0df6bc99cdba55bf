package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class SharedClientsTest {
    private static final Duration IDLE = Duration.ofMinutes(5);

    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final List<String> closeFailures = Collections.synchronizedList(new ArrayList<>());
    private final SharedClients<String, FakeClient> clients = new SharedClients<>(IDLE, now::get,
            (key, e) -> closeFailures.add(key + ": " + e.getMessage()));
    private final AtomicInteger made = new AtomicInteger();
    private final Function<String, FakeClient> factory = key -> new FakeClient(key, made.incrementAndGet());

    @Test
    void theSameKeySharesOneClient() {
        try (var first = clients.acquire("project-a", factory); var second = clients.acquire("project-a", factory)) {
            assertSame(first.client(), second.client());
            assertEquals(1, made.get());
        }
    }

    @Test
    void differentKeysGetDifferentClients() {
        try (var a = clients.acquire("project-a", factory); var b = clients.acquire("project-b", factory)) {
            assertNotSame(a.client(), b.client());
            assertEquals("project-b", b.client().key);
            assertEquals(2, clients.size());
        }
    }

    @Test
    void aClientUnleasedForTheIdleTimeIsClosedAndTheNextAcquireMakesANewOne() {
        FakeClient first;
        try (var lease = clients.acquire("project-a", factory)) {
            first = lease.client();
        }
        now.addAndGet(IDLE.toNanos() - 1);
        assertEquals(0, clients.closeIdle());
        assertFalse(first.closed());

        now.addAndGet(1);
        assertEquals(1, clients.closeIdle());
        assertTrue(first.closed());
        assertEquals(0, clients.size());

        try (var lease = clients.acquire("project-a", factory)) {
            assertNotSame(first, lease.client());
            assertFalse(lease.client().closed());
        }
        assertEquals(1, first.closes.get(), "closed once");
    }

    @Test
    void aLeasedClientIsNeverClosedByCloseIdle() {
        var held = clients.acquire("project-a", factory);
        clients.acquire("project-a", factory).close();
        now.addAndGet(IDLE.toNanos() * 10);

        assertEquals(0, clients.closeIdle());
        assertFalse(held.client().closed());

        held.close();
        assertEquals(0, clients.closeIdle(), "idle time counts from the last release");
        now.addAndGet(IDLE.toNanos());
        assertEquals(1, clients.closeIdle());
        assertTrue(held.client().closed());
    }

    @Test
    void closingALeaseTwiceReleasesItOnce() {
        var kept = clients.acquire("project-a", factory);
        var twice = clients.acquire("project-a", factory);
        twice.close();
        twice.close();
        now.addAndGet(IDLE.toNanos());

        assertEquals(0, clients.closeIdle());
        assertFalse(kept.client().closed());
        kept.close();
    }

    @Test
    void aFailingFactoryCachesNothingAndTheNextAcquireTriesAgain() {
        IllegalStateException failure = new IllegalStateException("no channel");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> clients.acquire("project-a", key -> {
                    throw failure;
                }));

        assertSame(failure, thrown);
        assertEquals(0, clients.size());
        try (var lease = clients.acquire("project-a", factory)) {
            assertEquals("project-a", lease.client().key);
        }
    }

    @Test
    void aFactoryReturningNothingIsAFailure() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> clients.acquire("project-a", key -> null));

        assertEquals("the client factory returned no client for project-a", e.getMessage());
        assertEquals(0, clients.size());
    }

    @Test
    void closeClosesEveryClientLeasedOrNotAndLaterAcquiresFail() {
        var leased = clients.acquire("project-a", factory);
        FakeClient idle;
        try (var lease = clients.acquire("project-b", factory)) {
            idle = lease.client();
        }

        clients.close();

        assertTrue(leased.client().closed());
        assertTrue(idle.closed());
        leased.close();
        assertEquals("the shared clients are closed",
                assertThrows(IllegalStateException.class, () -> clients.acquire("project-a", factory)).getMessage());
        clients.close();
        assertEquals(1, idle.closes.get(), "a second close closes nothing again");
    }

    @Test
    void aCloseFailureIsReportedAndTheClientForgotten() {
        Function<String, FakeClient> failingToClose = key -> new FakeClient(key, 0, true);
        clients.acquire("project-a", failingToClose).close();
        now.addAndGet(IDLE.toNanos());

        assertEquals(1, clients.closeIdle());

        assertEquals(List.of("project-a: channel did not terminate"), closeFailures);
        assertEquals(0, clients.size());
    }

    @Test
    void byDefaultACloseFailureIsLoggedAsAWarningNamingTheKey() {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SharedClients.class.getName());
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        try (SharedClients<String, AutoCloseable> logging = new SharedClients<>(Duration.ZERO)) {
            logging.acquire("project-a", key -> () -> {
                throw new Exception("channel did not terminate");
            }).close();

            assertEquals(1, logging.closeIdle());
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(true);
        }

        assertEquals(List.of("cannot close the client for project-a: java.lang.Exception: channel did not terminate"),
                warnings);
    }

    @Test
    void callersOfAKeyBeingMadeWaitForItAndShareIt() throws Exception {
        CountDownLatch factoryEntered = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        Function<String, FakeClient> slow = key -> {
            factoryEntered.countDown();
            await(mayFinish);
            return factory.apply(key);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<FakeClient> first = threads.submit(() -> {
                try (var lease = clients.acquire("project-a", slow)) {
                    return lease.client();
                }
            });
            assertTrue(factoryEntered.await(10, TimeUnit.SECONDS));
            Future<FakeClient> second = threads.submit(() -> {
                try (var lease = clients.acquire("project-a", slow)) {
                    return lease.client();
                }
            });
            // Another key is not held up by the slow one.
            try (var other = clients.acquire("project-b", factory)) {
                assertEquals("project-b", other.client().key);
            }
            mayFinish.countDown();

            assertSame(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
            assertEquals(2, made.get(), "one client for project-a, one for project-b");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClientFinishedAfterCloseIsClosedByItsMakerAndNotHandedOut() throws Exception {
        CountDownLatch factoryEntered = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        List<FakeClient> madeLate = Collections.synchronizedList(new ArrayList<>());
        Function<String, FakeClient> slow = key -> {
            factoryEntered.countDown();
            await(mayFinish);
            FakeClient client = factory.apply(key);
            madeLate.add(client);
            return client;
        };
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<?> acquiring = threads.submit(() -> clients.acquire("project-a", slow));
            assertTrue(factoryEntered.await(10, TimeUnit.SECONDS));

            clients.close();
            mayFinish.countDown();

            ExecutionException e = assertThrows(ExecutionException.class, () -> acquiring.get(10, TimeUnit.SECONDS));
            assertEquals("the shared clients are closed", e.getCause().getMessage());
            assertEquals(1, madeLate.size());
            assertEquals(1, madeLate.get(0).closes.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentUseNeverSeesAClosedClientAndEveryClientIsClosedOnce() throws Exception {
        Map<Integer, FakeClient> all = new ConcurrentHashMap<>();
        Function<String, FakeClient> tracked = key -> {
            FakeClient client = factory.apply(key);
            all.put(client.serial, client);
            return client;
        };
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        SharedClients<String, FakeClient> shared = new SharedClients<>(Duration.ZERO, now::get,
                (key, e) -> problems.add("close failed: " + key));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                work.add(threads.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 2_000; i++) {
                        try (var lease = shared.acquire("key-" + random.nextInt(3), tracked)) {
                            if (lease.client().closed()) {
                                problems.add("leased a closed client");
                            }
                            now.incrementAndGet();
                            if (random.nextInt(10) == 0) {
                                shared.closeIdle();
                            }
                            if (lease.client().closed()) {
                                problems.add("a leased client was closed");
                            }
                        }
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        shared.close();

        assertEquals(List.of(), problems);
        assertFalse(all.isEmpty());
        all.values().forEach(client -> assertEquals(1, client.closes.get(), "client " + client.serial));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client that counts how often it was closed. */
    private static final class FakeClient implements AutoCloseable {
        final String key;
        final int serial;
        final AtomicInteger closes = new AtomicInteger();
        private final boolean failToClose;

        FakeClient(String key, int serial) {
            this(key, serial, false);
        }

        FakeClient(String key, int serial, boolean failToClose) {
            this.key = key;
            this.serial = serial;
            this.failToClose = failToClose;
        }

        boolean closed() {
            return closes.get() > 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (failToClose) {
                throw new IllegalStateException("channel did not terminate");
            }
        }
    }
}
