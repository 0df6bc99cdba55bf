package io.smc.api;

import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Required;

@Description("One key of a Secret in the config's namespace.")
public record KeyReference(
        @Description("The Secret's name.") @Required @MinLength(1) @MaxLength(253) String name,
        @Description("The key in the Secret's data.") @Required @MinLength(1) @MaxLength(253) String key) {
}
