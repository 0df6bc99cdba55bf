package io.smc.plan;

/** What a plan does to one secret. A secret may get several actions, carried out in order. */
public enum ActionKind {
    /** Create the secret and its first version. */
    CREATE("create"),
    /** Take over an existing secret no config manages: give it the owner's labels (adoptionPolicy: Adopt). */
    ADOPT("adopt"),
    /** Merge the config's labels and annotations into the secret's. */
    UPDATE_METADATA("update-metadata"),
    /** Add a version: the value differs from the newest version. */
    ADD_VERSION("add-version"),
    /** Re-enable the newest version: it already holds the value. */
    ENABLE("enable"),
    /** Disable the newest version: the entry is disabled in the source. */
    DISABLE("disable"),
    /** Disable an old version beyond the retention's count. */
    RETIRE("retire"),
    /** Destroy an old version beyond the retention's count. */
    DESTROY("destroy"),
    /** Delete a secret whose key left the source (deletionPolicy: Delete, or sync --prune). */
    DELETE("delete"),
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
