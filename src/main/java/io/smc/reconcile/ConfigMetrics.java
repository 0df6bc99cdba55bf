package io.smc.reconcile;

import io.smc.api.Condition;

/**
 * Where the reconciler reports each config's {@code Ready} condition, so that a config that stays not Ready can be
 * alerted on without reading every object's status: {@code secret_manager_config_condition{namespace,name,type,
 * status}} in {@link RegisteredConfigMetrics}. Reported from the status a reconcile concludes (written or found
 * unchanged), so a restarted controller reports every config again after its first reconcile of it.
 */
public interface ConfigMetrics {
    ConfigMetrics NONE = new ConfigMetrics() {
        @Override
        public void ready(String namespace, String name, Condition.Status status) {
        }

        @Override
        public void forget(String namespace, String name) {
        }
    };

    /** The config's {@code Ready} condition is now {@code status}. */
    void ready(String namespace, String name, Condition.Status status);

    /** The config is gone (deleted, or no longer watched by this controller): nothing more is reported about it. */
    void forget(String namespace, String name);
}
