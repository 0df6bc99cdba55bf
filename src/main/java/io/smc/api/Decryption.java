package io.smc.api;

import io.smc.api.schema.Description;
import io.smc.api.schema.Required;

@Description("SOPS decryption keys for this config.")
public record Decryption(
        @Description("A Secret in the config's namespace whose entries ending in .agekey (age identities) or .asc "
                + "(armored OpenPGP secret keys) are imported.") @Required LocalSecretReference secretRef) {
}
