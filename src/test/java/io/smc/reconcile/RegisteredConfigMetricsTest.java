package io.smc.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.api.Condition;
import io.smc.metrics.MetricsRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RegisteredConfigMetricsTest {
    private final MetricsRegistry registry = new MetricsRegistry();
    private final RegisteredConfigMetrics metrics = new RegisteredConfigMetrics(registry);

    private String text() throws IOException {
        StringBuilder out = new StringBuilder();
        registry.writeText(out);
        return out.toString();
    }

    @Test
    void servesTheHeaderAndNoSeriesBeforeAnyConfigIsReported() throws IOException {
        assertEquals("""
                # HELP secret_manager_config_condition The status of each SecretManagerConfig's condition, by type: \
                1 for the status it has, 0 for the others.
                # TYPE secret_manager_config_condition gauge
                """, text());
    }

    @Test
    void eachConfigHasOneSeriesPerStatusWithOnlyItsCurrentOneAtOne() throws IOException {
        metrics.ready("team-a", "app", Condition.Status.True);
        metrics.ready("team-b", "db", Condition.Status.Unknown);
        metrics.ready("team-a", "app", Condition.Status.False);

        assertEquals("""
                secret_manager_config_condition{namespace="team-a",name="app",type="Ready",status="False"} 1
                secret_manager_config_condition{namespace="team-a",name="app",type="Ready",status="True"} 0
                secret_manager_config_condition{namespace="team-a",name="app",type="Ready",status="Unknown"} 0
                secret_manager_config_condition{namespace="team-b",name="db",type="Ready",status="False"} 0
                secret_manager_config_condition{namespace="team-b",name="db",type="Ready",status="True"} 0
                secret_manager_config_condition{namespace="team-b",name="db",type="Ready",status="Unknown"} 1
                """, samples());
    }

    @Test
    void aForgottenConfigHasNoSeriesLeftAndTheOthersStay() throws IOException {
        metrics.ready("team-a", "app", Condition.Status.False);
        metrics.ready("team-a", "kept", Condition.Status.True);

        metrics.forget("team-a", "app");
        metrics.forget("team-a", "never-reported");

        assertEquals("""
                secret_manager_config_condition{namespace="team-a",name="kept",type="Ready",status="False"} 0
                secret_manager_config_condition{namespace="team-a",name="kept",type="Ready",status="True"} 1
                secret_manager_config_condition{namespace="team-a",name="kept",type="Ready",status="Unknown"} 0
                """, samples());
    }

    private String samples() throws IOException {
        return text().lines().filter(line -> !line.startsWith("#")).map(line -> line + "\n")
                .reduce("", String::concat);
    }
}
