package io.smc.api;

import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Required;

@Description("A reference to a Secret.")
public record SecretReference(
        @Description("The Secret's name.") @Required @MinLength(1) @MaxLength(253) String name,
        @Description("The Secret's namespace; defaults to the config's namespace.") @MaxLength(63) String namespace) {
}
