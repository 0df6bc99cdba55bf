package io.smc.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.smc.api.schema.Default;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;

@Description("Where application.properties entries go: by default one JSON secret per service; when enabled, one "
        + "entry per property in the chosen store.")
public record Configs(
        @Description("Publish properties one by one instead of as one JSON secret.") @Default("false") Boolean enabled,
        @Description("The store for single properties.") @Default("SecretManager") ConfigStore store,
        @Description("AWS Parameter Store path (accepted for compatibility with the seed system; not used).")
        @MaxLength(2048) String parameterPath,
        @Description("Azure App Configuration endpoint (accepted for compatibility with the seed system; not used).")
        @MaxLength(2048) String appConfigEndpoint) {

    /** Stores for single properties; the seed system's spelling {@code secretManager} is accepted. */
    public enum ConfigStore {
        @JsonAlias("secretManager") SecretManager,
        ParameterManager
    }
}
