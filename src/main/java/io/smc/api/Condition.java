package io.smc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smc.api.schema.Description;
import io.smc.api.schema.MaxLength;
import io.smc.api.schema.Min;
import io.smc.api.schema.Pattern;
import io.smc.api.schema.Required;

/** A condition in the shape of {@code metav1.Condition}, with kstatus meaning for the types in {@link Conditions}. */
@Description("One aspect of the config's state.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        @Description("Ready, Reconciling or Stalled.") @Required @MaxLength(316) String type,
        @Description("True, False or Unknown.") @Required Status status,
        @Description("The generation this condition was set for.") @Min(0) Long observedGeneration,
        @Description("When the status last changed.") @Required String lastTransitionTime,
        @Description("A CamelCase reason.") @Required @MaxLength(1024) @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
        String reason,
        @Description("What happened, for people; names and counts only, never a value.") @Required
        @MaxLength(32768) String message) {

    public enum Status {
        True, False, Unknown
    }
}
