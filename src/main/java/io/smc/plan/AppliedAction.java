package io.smc.plan;

/**
 * The outcome of one planned action.
 *
 * @param error why it failed (names, never values), or null when it took effect
 */
public record AppliedAction(PlannedAction action, String error) {
    public boolean failed() {
        return error != null;
    }
}
