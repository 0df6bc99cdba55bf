package io.smc.http;

import io.smc.metrics.Gauge;
import io.smc.metrics.MetricsRegistry;
import java.lang.management.ManagementFactory;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The {@code process_*} metrics every Prometheus client exports: CPU time, start time, memory and file descriptors,
 * read afresh before each scrape. Memory and descriptors come from {@code /proc/self}; a metric whose source cannot
 * be read when registering (not Linux) is left out, and one whose source fails later keeps its last value.
 */
public final class ProcessMetrics {
    private ProcessMetrics() {
    }

    /**
     * Registers the process metrics and their refresh. Once per registry: a second registration would count the
     * CPU time again.
     */
    public static void register(MetricsRegistry registry) {
        register(registry, ProcFiles.ofThisProcess(), ProcessMetrics::cpuSeconds,
                ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
    }

    static void register(MetricsRegistry registry, ProcFiles proc, Supplier<OptionalDouble> cpuSeconds,
            double startSeconds) {
        registry.gauge("process_start_time_seconds", "When the process started, in seconds since the Unix epoch.")
                .set(startSeconds);
        OptionalDouble cpu = cpuSeconds.get();
        if (cpu.isPresent()) {
            RunningTotal total = new RunningTotal(
                    registry.counter("process_cpu_seconds_total", "User and system CPU time used, in seconds.")
                            .labels());
            total.advanceTo(cpu.getAsDouble());
            registry.onScrape(() -> cpuSeconds.get().ifPresent(total::advanceTo));
        }
        gauge(registry, "process_resident_memory_bytes", "Memory held in RAM, in bytes.", proc::residentBytes);
        gauge(registry, "process_virtual_memory_bytes", "Size of the address space, in bytes.", proc::virtualBytes);
        gauge(registry, "process_open_fds", "Open file descriptors.", proc::openFds);
        gauge(registry, "process_max_fds", "The limit on open file descriptors.", proc::maxFds);
    }

    private static void gauge(MetricsRegistry registry, String name, String help, Supplier<OptionalDouble> source) {
        OptionalDouble first = source.get();
        if (first.isEmpty()) {
            return;
        }
        Gauge gauge = registry.gauge(name, help);
        gauge.set(first.getAsDouble());
        registry.onScrape(() -> source.get().ifPresent(gauge::set));
    }

    private static OptionalDouble cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration()
                .map(duration -> OptionalDouble.of(duration.toNanos() / 1e9))
                .orElse(OptionalDouble.empty());
    }
}
