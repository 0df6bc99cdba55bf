package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smc.metrics.MetricsRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @TempDir
    Path self;

    @Test
    void afterAScrapeTheProcessAndJvmMetricsArePlausible() throws Exception {
        ProcessMetrics.register(registry);
        JvmMetrics.register(registry);
        BuildInfo.register(registry, "1.2.3");

        String text = Scrapes.text(registry);

        assertTrue(Scrapes.value(text, "process_cpu_seconds_total") > 0, text);
        double started = Scrapes.value(text, "process_start_time_seconds");
        assertTrue(started > 1.6e9 && started <= System.currentTimeMillis() / 1000.0, text);
        assertTrue(Scrapes.value(text, "jvm_memory_used_bytes{area=\"heap\"}") > 0, text);
        assertTrue(Scrapes.value(text, "jvm_memory_used_bytes{area=\"nonheap\"}") > 0, text);
        assertTrue(Scrapes.value(text, "jvm_threads_current") >= 1, text);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            assertTrue(Scrapes.value(text, "jvm_gc_collection_seconds_total{gc=\"" + collector.getName() + "\"}") >= 0);
        }
        assertEquals(1, Scrapes.value(text,
                "secret_manager_controller_build_info{version=\"1.2.3\",java=\"" + Runtime.version() + "\"}"));
    }

    @Test
    void onLinuxTheProcMetricsArePlausible() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc: not Linux");
        ProcessMetrics.register(registry);

        String text = Scrapes.text(registry);

        double resident = Scrapes.value(text, "process_resident_memory_bytes");
        assertTrue(resident > 0, text);
        assertTrue(Scrapes.value(text, "process_virtual_memory_bytes") >= resident, text);
        double open = Scrapes.value(text, "process_open_fds");
        assertTrue(open >= 3, text);
        assertTrue(Scrapes.value(text, "process_max_fds") >= open, text);
    }

    @Test
    void whatProcCannotTellIsLeftOut() throws Exception {
        ProcessMetrics.register(registry, new ProcFiles(self.resolve("absent")), OptionalDouble::empty, 1.7e9);

        String text = Scrapes.text(registry);

        assertEquals("""
                # HELP process_start_time_seconds When the process started, in seconds since the Unix epoch.
                # TYPE process_start_time_seconds gauge
                process_start_time_seconds 1700000000
                """, text);
    }

    @Test
    void aReadingThatFailsLaterKeepsTheLastValue() throws Exception {
        Path status = self.resolve("status");
        Files.writeString(status, "VmSize:\t 2000 kB\nVmRSS:\t 1000 kB\n");
        ProcessMetrics.register(registry, new ProcFiles(self), OptionalDouble::empty, 1.7e9);
        Files.writeString(status, "VmSize:\t 3000 kB\nVmRSS:\t 1500 kB\n");

        double changed = Scrapes.value(Scrapes.text(registry), "process_resident_memory_bytes");
        Files.delete(status);
        double gone = Scrapes.value(Scrapes.text(registry), "process_resident_memory_bytes");

        assertEquals(1500 * 1024, changed);
        assertEquals(1500 * 1024, gone);
    }

    @Test
    void cpuTimeIsCountedByItsGainAndTheCounterNeverGoesDown() throws Exception {
        Deque<Double> readings = new ArrayDeque<>(List.of(2.5, 4.0, 3.0, 5.25));
        ProcessMetrics.register(registry, new ProcFiles(self), () -> OptionalDouble.of(readings.pop()), 1.7e9);

        double first = Scrapes.value(Scrapes.text(registry), "process_cpu_seconds_total");
        double afterADrop = Scrapes.value(Scrapes.text(registry), "process_cpu_seconds_total");
        double last = Scrapes.value(Scrapes.text(registry), "process_cpu_seconds_total");

        assertEquals(List.of(4.0, 4.0, 5.25), List.of(first, afterADrop, last));
    }

    @Test
    void buildInfoIsOneForTheRunningVersion() throws Exception {
        BuildInfo.register(registry, "0.1.0-SNAPSHOT");

        String text = Scrapes.text(registry);

        assertEquals(Optional.of(1.0), Scrapes.find(text,
                "secret_manager_controller_build_info{version=\"0.1.0-SNAPSHOT\",java=\"" + Runtime.version() + "\"}"));
    }
}
