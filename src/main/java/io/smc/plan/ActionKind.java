package io.smc.plan;

/** What a plan does to one secret. */
public enum ActionKind {
    /** Create the secret and its first version. */
    CREATE("create"),
    /** Add a version: the value differs from the newest version. */
    ADD_VERSION("add-version"),
    /** Re-enable the newest version: it already holds the value. */
    ENABLE("enable"),
    /** Disable the newest version: the entry is disabled in the source. */
    DISABLE("disable"),
    UNCHANGED("unchanged");

    private final String label;

    ActionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean changesStore() {
        return this != UNCHANGED;
    }
}
