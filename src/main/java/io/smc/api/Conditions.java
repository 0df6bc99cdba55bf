package io.smc.api;

/** Condition types and reasons, as constants so every writer and reader spells them alike. */
public final class Conditions {
    /** The config's secrets are published as the last attempted revision asks. */
    public static final String READY = "Ready";
    /** Work is under way. */
    public static final String RECONCILING = "Reconciling";
    /** No progress without a change to the config or its inputs. */
    public static final String STALLED = "Stalled";

    public static final String REASON_SUCCEEDED = "ReconciliationSucceeded";
    public static final String REASON_PROGRESSING = "Progressing";
    public static final String REASON_SUSPENDED = "Suspended";
    public static final String REASON_VALIDATION_FAILED = "ValidationFailed";
    public static final String REASON_SOURCE_NOT_READY = "SourceNotReady";
    public static final String REASON_ARTIFACT_FAILED = "ArtifactFailed";
    public static final String REASON_DECRYPTION_FAILED = "DecryptionFailed";
    public static final String REASON_BUILD_FAILED = "BuildFailed";
    public static final String REASON_PARTIAL_FAILURE = "PartialFailure";
    public static final String REASON_PROVIDER_ERROR = "ProviderError";
    /** A config being deleted whose secrets could not be deleted yet; the finalizer stays. */
    public static final String REASON_DELETION_FAILED = "DeletionFailed";
    public static final String REASON_PROVIDER_NOT_SUPPORTED = "ProviderNotSupported";
    public static final String REASON_OWNERSHIP_CONFLICT = "OwnershipConflict";

    private Conditions() {
    }
}
