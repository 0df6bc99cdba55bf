package io.smc.reconcile;

import io.smc.api.Condition;
import io.smc.api.Conditions;
import io.smc.metrics.Gauge;
import io.smc.metrics.MetricsRegistry;

/**
 * {@link ConfigMetrics} as Flux's {@code gotk_reconcile_condition}: one series per config and condition status, 1 for
 * the status the condition has and 0 for the others, so {@code {type="Ready",status="False"} == 1} selects the
 * failing configs and a suspended config (Ready Unknown) is not among them. A config's series go when it does.
 */
public final class RegisteredConfigMetrics implements ConfigMetrics {
    static final String NAME = "secret_manager_config_condition";

    private final Gauge condition;

    public RegisteredConfigMetrics(MetricsRegistry registry) {
        condition = registry.gauge(NAME, "The status of each SecretManagerConfig's condition, by type: 1 for the "
                + "status it has, 0 for the others.", "namespace", "name", "type", "status");
    }

    @Override
    public void ready(String namespace, String name, Condition.Status status) {
        // The others drop to 0 first: a scrape in between may see no status at 1, never two.
        for (Condition.Status each : Condition.Status.values()) {
            if (each != status) {
                condition.labels(namespace, name, Conditions.READY, each.name()).set(0);
            }
        }
        condition.labels(namespace, name, Conditions.READY, status.name()).set(1);
    }

    @Override
    public void forget(String namespace, String name) {
        for (Condition.Status each : Condition.Status.values()) {
            condition.remove(namespace, name, Conditions.READY, each.name());
        }
    }
}
