package io.smc.runtime;

/** The ways a reconcile ends, as the {@code result} label of {@code controller_runtime_reconcile_total} spells them. */
enum Outcome {
    /** {@link Result#done()}. */
    SUCCESS("success"),
    /** An exception, terminal or not, or an overrun deadline. */
    ERROR("error"),
    /** {@link Result#retry()}. */
    REQUEUE("requeue"),
    /** {@link Result#after}. */
    REQUEUE_AFTER("requeue_after");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
