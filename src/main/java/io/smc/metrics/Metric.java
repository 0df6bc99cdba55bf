package io.smc.metrics;

import java.io.IOException;
import java.util.Set;

/** What the registry needs of every metric type: its name, how to tell a compatible re-registration, its text. */
abstract sealed class Metric permits Counter, Gauge, Histogram {
    private final String name;
    private final String help;

    Metric(String name, String help) {
        this.name = MetricNames.metricName(name);
        this.help = help;
    }

    public final String name() {
        return name;
    }

    final String help() {
        return help;
    }

    /** The sample names this metric writes, so that no two metrics write the same series name. */
    abstract Set<String> sampleNames();

    /** Whether registering {@code other} under the same name may return this metric instead. */
    abstract boolean sameShapeAs(Metric other);

    /** Describes this metric as an error message would, e.g. {@code counter with labels [method, code]}. */
    abstract String describe();

    abstract void writeText(Appendable out) throws IOException;
}
