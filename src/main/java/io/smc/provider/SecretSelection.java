package io.smc.provider;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a store a plan needs to see: the secrets with one of {@code names}, and those carrying the label
 * {@code labelKey=labelValue} (when a key is given). A config of ten secrets then reads ten secrets' metadata rather
 * than the whole project's, which in a project of thousands is most of what a reconcile allocates.
 *
 * @param names    secret names, matched exactly (kept sorted, so what is sent for them is always the same)
 * @param labelKey a label key, or null to select by name only
 */
public record SecretSelection(Set<String> names, String labelKey, String labelValue) {
    public SecretSelection {
        names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
        if ((labelKey == null) != (labelValue == null)) {
            throw new IllegalArgumentException("a label selection needs both a key and a value");
        }
    }

    /** The secrets with one of these names. */
    public static SecretSelection named(Set<String> names) {
        return new SecretSelection(names, null, null);
    }

    /** These names and the secrets labelled {@code key=value}. */
    public SecretSelection orLabelled(String key, String value) {
        return new SecretSelection(names, Objects.requireNonNull(key), Objects.requireNonNull(value));
    }

    /** Selects no secret at all: nothing to ask a store. */
    public boolean isEmpty() {
        return names.isEmpty() && labelKey == null;
    }

    public boolean selects(StoredSecret secret) {
        return names.contains(secret.name()) || (labelKey != null && labelValue.equals(secret.labels().get(labelKey)));
    }
}
