package io.smc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smc.api.schema.Description;
import io.smc.api.schema.Min;
import java.util.List;

@Description("What the controller last did with this config.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretManagerConfigStatus(
        @Description("The generation of the spec the status describes.") @Min(0) Long observedGeneration,
        @Description("Ready, Reconciling and Stalled conditions.") List<Condition> conditions,
        @Description("A one-word summary, kept for the seed system's printer columns.") String phase,
        @Description("A one-line summary, kept for the seed system's printer columns.") String description,
        @Description("The source revision whose secrets are published.") String lastAppliedRevision,
        @Description("The source revision last tried.") String lastAttemptedRevision,
        @Description("When the last reconciliation ended.") String lastReconcileTime,
        @Description("When the next reconciliation is due.") String nextReconcileTime,
        @Description("How many secrets are in step.") @Min(0) Integer secretsSynced,
        @Description("The secrets this config manages.") List<InventoryEntry> inventory,
        @Description("The value of the last manual reconcile request handled, as Flux records it.")
        String lastHandledReconcileAt) {
}
