package io.smc.api;

import io.smc.api.schema.Default;
import io.smc.api.schema.Description;
import io.smc.api.schema.PreserveUnknownFields;
import io.smc.api.schema.Required;
import java.time.Duration;
import java.util.Map;

@Description("What to publish, from where, to where, and how often.")
public record SecretManagerConfigSpec(
        @Required SourceRef sourceRef,
        @Required Provider provider,
        @Required Secrets secrets,
        Configs configs,
        @Description("How often the config is reconciled even when nothing changed; at least 1m.") @Default("1m")
        Duration reconcileInterval,
        @Description("Report secrets in the store that no longer come from the source.") @Default("true")
        Boolean diffDiscovery,
        @Description("Publish a new version when the source's value differs from the store's; when false, only "
                + "missing secrets are created.") @Default("true") Boolean triggerUpdate,
        @Description("Stop reconciling this config.") @Default("false") Boolean suspend,
        @Description("Suspend the Flux source's pulls while this config is suspended.") @Default("false")
        Boolean suspendGitPulls,
        Decryption decryption,
        @Description("How often published values are compared with what Secret Manager holds (access calls are "
                + "billed); 0 turns the comparison off.") @Default("1h") Duration driftCheckInterval,
        @Description("What happens to published secrets when this config is deleted.") @Default("Retain")
        DeletionPolicy deletionPolicy,
        VersionRetention versionRetention,
        @Description("Whether existing secrets without this controller's ownership labels may be taken over.")
        @Default("Never") AdoptionPolicy adoptionPolicy,
        @Description("Accepted for compatibility with the seed system; not used.") Duration gitRepositoryPullInterval,
        @Description("Accepted for compatibility with the seed system; not used.") @PreserveUnknownFields
        Map<String, Object> notifications,
        @Description("Accepted for compatibility with the seed system; not used.") @PreserveUnknownFields
        Map<String, Object> logging,
        @Description("Accepted for compatibility with the seed system; not used.") @PreserveUnknownFields
        Map<String, Object> hotReload,
        @Description("Accepted for compatibility with the seed system; not used.") @PreserveUnknownFields
        Map<String, Object> otel) {

    public enum DeletionPolicy {
        Retain, Delete
    }

    public enum AdoptionPolicy {
        Never, Adopt
    }

    /** The smallest reconcile interval: a tighter loop only burns API quota. */
    public static final Duration MIN_RECONCILE_INTERVAL = Duration.ofMinutes(1);
}
