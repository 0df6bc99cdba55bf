package io.smc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smc.api.schema.Description;
import io.smc.api.schema.Required;

/** The resource: keeps Secret Manager in step with the secrets of one environment of a GitOps source. */
@Description("Keeps Google Cloud Secret Manager in step with the secrets of one environment of a GitOps source.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretManagerConfig(String apiVersion, String kind, ObjectMeta metadata,
        @Required SecretManagerConfigSpec spec, SecretManagerConfigStatus status) {

    public static final String GROUP = "secret-management.microscaler.io";
    public static final String VERSION = "v1beta1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "SecretManagerConfig";
    public static final String PLURAL = "secretmanagerconfigs";
    public static final String SINGULAR = "secretmanagerconfig";
    public static final String SHORT_NAME = "smc";
}
