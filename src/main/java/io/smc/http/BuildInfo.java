package io.smc.http;

import io.smc.metrics.MetricsRegistry;

/** {@code secret_manager_controller_build_info{version,java} 1}: which build is running, on which Java. */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** @param version the controller's version, as the build stamped it */
    public static void register(MetricsRegistry registry, String version) {
        registry.gauge("secret_manager_controller_build_info",
                "Always 1; the labels say which controller version runs on which Java runtime.", "version", "java")
                .labels(version, Runtime.version().toString()).set(1);
    }
}
