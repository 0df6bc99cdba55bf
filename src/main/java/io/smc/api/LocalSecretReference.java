package io.smc.api;

import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Required;

@Description("A reference to a Secret in the config's own namespace.")
public record LocalSecretReference(
        @Description("The Secret's name.") @Required @MinLength(1) @MaxLength(253) String name) {
}
