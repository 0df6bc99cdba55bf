package io.smc.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a watch stream. For {@link Type#ERROR} the object is a {@code Status} (code 410 means the
 * resourceVersion is too old: relist); for {@link Type#BOOKMARK} only its {@code metadata.resourceVersion} counts.
 */
public record WatchEvent(Type type, ObjectNode object) {
    public enum Type {
        ADDED, MODIFIED, DELETED, BOOKMARK, ERROR
    }
}
