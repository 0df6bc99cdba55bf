package io.smc.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.smc.api.schema.CrossFieldRule;
import io.smc.api.schema.Default;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.Rules;

@Description("Authentication to Google Cloud.")
@Rules(CrossFieldRule.JSON_CREDENTIALS_NEED_SECRET_REF)
public record GcpAuth(
        @Description("WorkloadIdentity (the pod's Kubernetes service account, the default) or JsonCredentials (a "
                + "service account key from secretRef).") @Default("WorkloadIdentity") AuthType authType,
        @Description("A Google service account to act as, through the IAM Credentials API (impersonation); the "
                + "identity above needs roles/iam.serviceAccountTokenCreator on it.")
        @MaxLength(254) String serviceAccountEmail,
        @Description("The Secret and key holding a service account's JSON key, for JsonCredentials.")
        KeyReference secretRef) {

    /** The seed system's spelling {@code workloadIdentity} is accepted. */
    public enum AuthType {
        @JsonAlias("workloadIdentity") WorkloadIdentity,
        JsonCredentials
    }
}
