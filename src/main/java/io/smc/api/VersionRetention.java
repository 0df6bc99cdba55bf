package io.smc.api;

import io.smc.api.schema.Default;
import io.smc.api.schema.Description;
import io.smc.api.schema.Max;
import io.smc.api.schema.Min;
import io.smc.api.schema.Required;

@Description("How many versions of each secret to keep enabled; older versions this controller created are "
        + "disabled or destroyed.")
public record VersionRetention(
        @Description("The number of newest versions kept.") @Required @Min(1) @Max(1000) Integer keep,
        @Description("What happens to older versions.") @Default("Disable") Action action) {

    public enum Action {
        Disable, Destroy
    }
}
