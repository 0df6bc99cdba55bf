package io.smc.api;

import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.Min;
import io.smc.api.schema.Required;

@Description("One secret this config manages: its name and newest version, never its value or a hash of it.")
public record InventoryEntry(
        @Description("The secret's name.") @Required @MaxLength(255) String name,
        @Description("The newest version this controller published.") @Min(0) Long version,
        @Description("That version's state: ENABLED, DISABLED or DESTROYED.") @MaxLength(16) String state) {
}
