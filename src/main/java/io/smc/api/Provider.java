package io.smc.api;

import io.smc.api.schema.CrossFieldRule;
import io.smc.api.schema.Description;
import io.smc.api.schema.PreserveUnknownFields;
import io.smc.api.schema.Rules;
import java.util.Map;

@Description("Where the secrets are published. Exactly one provider block; aws and azure are accepted for "
        + "compatibility with existing manifests and reported as not supported.")
@Rules({CrossFieldRule.EXACTLY_ONE_PROVIDER, CrossFieldRule.PROVIDER_TYPE_NAMES_ITS_BLOCK})
public record Provider(
        @Description("The provider's name; informational, it must name the block that is set.") ProviderType type,
        @Description("Google Cloud Secret Manager.") GcpProvider gcp,
        @Description("AWS Secrets Manager (not supported: accepted for compatibility).") @PreserveUnknownFields
        Map<String, Object> aws,
        @Description("Azure Key Vault (not supported: accepted for compatibility).") @PreserveUnknownFields
        Map<String, Object> azure) {

    public enum ProviderType {
        gcp, aws, azure
    }
}
