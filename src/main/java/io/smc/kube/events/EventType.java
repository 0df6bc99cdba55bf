package io.smc.kube.events;

/** The two types of core/v1 Event. */
public enum EventType {
    NORMAL("Normal"), WARNING("Warning");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** As the {@code type} field spells it. */
    public String wireName() {
        return wireName;
    }
}
