package io.smc.api;

import io.smc.api.schema.CrossFieldRule;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.MinLength;
import io.smc.api.schema.Pattern;
import io.smc.api.schema.Required;
import io.smc.api.schema.Rules;
import java.util.List;

@Description("Replication of a global secret: automatic (Google chooses) or user-managed (listed locations).")
@Rules(CrossFieldRule.ONE_REPLICATION_POLICY)
public record Replication(
        @Description("Replicated where Google chooses.") Automatic automatic,
        @Description("Replicated to the listed locations.") UserManaged userManaged) {

    @Description("Automatic replication.")
    public record Automatic(
            @Description("A Cloud KMS key that encrypts the secret (CMEK).") @MaxLength(512) String cmekKeyName) {
    }

    @Description("User-managed replication.")
    public record UserManaged(
            @Description("The locations.") @Required @MinLength(1) @MaxLength(32) List<Replica> replicas) {
    }

    @Description("One location of user-managed replication.")
    public record Replica(
            @Description("The location, such as europe-west1.") @Required @MinLength(1) @MaxLength(63)
            @Pattern(GcpProvider.LOCATION_PATTERN) String location,
            @Description("A Cloud KMS key in that location that encrypts the secret there (CMEK).") @MaxLength(512)
            String cmekKeyName) {
    }
}
