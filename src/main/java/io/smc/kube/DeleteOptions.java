package io.smc.kube;

/**
 * Options of a delete; null fields are left out.
 *
 * @param preconditionUid             delete only the object with this uid
 * @param preconditionResourceVersion delete only if nothing changed since this version
 * @param propagationPolicy           {@code Foreground}, {@code Background} or {@code Orphan}
 */
public record DeleteOptions(String preconditionUid, String preconditionResourceVersion, String propagationPolicy) {
    public static final DeleteOptions NONE = new DeleteOptions(null, null, null);
}
