package io.smc.provider.gcp;

/** The quota a Secret Manager call counts against. */
public enum CallClass {
    /** Reading a secret version's payload ({@code AccessSecretVersion}). */
    ACCESS,
    /** Reading metadata: getting or listing secrets and versions. */
    READ,
    /** Everything else: creating, updating and deleting secrets, adding and changing versions. */
    WRITE
}
