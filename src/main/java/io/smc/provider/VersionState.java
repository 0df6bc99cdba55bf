package io.smc.provider;

/** The states of a secret version, as Secret Manager has them. */
public enum VersionState {
    ENABLED, DISABLED, DESTROYED
}
