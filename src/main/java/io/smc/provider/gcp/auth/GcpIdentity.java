package io.smc.provider.gcp.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who the controller is towards Google Cloud: Application Default Credentials or a service account JSON key, either
 * optionally impersonating a service account. Usable as a cache key.
 *
 * <p>A key is identified by the SHA-256 of its bytes: two Secrets holding the same key are the same identity (and so
 * share clients), and the place it came from is for messages only, so credentials cached by identity name the source
 * they were first made from. The bytes never appear in {@code toString}, {@code equals} or {@code hashCode};
 * {@link GcpCredentialsFactory} is the only reader.
 */
public final class GcpIdentity {
    /**
     * What Google issues: {@code NAME@PROJECT.iam.gserviceaccount.com} (a domain-scoped project adds dots before
     * {@code .iam}), and the default {@code NUMBER-compute@developer} and {@code PROJECT@appspot} accounts. IAM
     * spells them in lower case.
     */
    private static final Pattern SERVICE_ACCOUNT_EMAIL = Pattern.compile(
            "[a-z0-9][a-z0-9-]{0,62}@(?:[a-z0-9][a-z0-9.-]{0,200}\\.iam|developer|appspot)\\.gserviceaccount\\.com");
    private static final int SHOWN_HASH_CHARS = 12;

    private final Base base;
    private final String impersonated;

    private GcpIdentity(Base base, String impersonated) {
        this.base = base;
        this.impersonated = impersonated;
    }

    /** Application Default Credentials: Workload Identity on GKE, {@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's ADC file. */
    public static GcpIdentity applicationDefault() {
        return new GcpIdentity(ApplicationDefault.INSTANCE, null);
    }

    /**
     * A service account JSON key.
     *
     * @param json   the key file's bytes; copied
     * @param source where it came from, for messages, e.g. {@code Secret team-a/gcp-key key 'key.json'}
     */
    public static GcpIdentity serviceAccountKey(byte[] json, String source) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a service account key needs a description of where it came from");
        }
        return new GcpIdentity(new ServiceAccountKey(json.clone(), source), null);
    }

    /**
     * The same base identity acting as {@code serviceAccountEmail} through the IAM Credentials API.
     *
     * @throws IllegalArgumentException when the email is not a service account's
     */
    public GcpIdentity impersonating(String serviceAccountEmail) {
        Objects.requireNonNull(serviceAccountEmail, "serviceAccountEmail");
        if (!SERVICE_ACCOUNT_EMAIL.matcher(serviceAccountEmail).matches()) {
            throw new IllegalArgumentException("not a service account email: '" + serviceAccountEmail
                    + "' (expected NAME@PROJECT.iam.gserviceaccount.com, in lower case)");
        }
        return new GcpIdentity(base, serviceAccountEmail);
    }

    /** The identity without impersonation: whose credentials call the IAM Credentials API. */
    public GcpIdentity withoutImpersonation() {
        return impersonated == null ? this : new GcpIdentity(base, null);
    }

    /** The service account this identity impersonates, if any. */
    public Optional<String> impersonatedServiceAccount() {
        return Optional.ofNullable(impersonated);
    }

    /** Application Default Credentials or a key; for {@link GcpCredentialsFactory}. */
    Base base() {
        return base;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GcpIdentity that && base.equals(that.base)
                && Objects.equals(impersonated, that.impersonated);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, impersonated);
    }

    @Override
    public String toString() {
        return impersonated == null ? base.toString() : base + " impersonating " + impersonated;
    }

    /** The identity that signs in, before any impersonation. */
    sealed interface Base permits ApplicationDefault, ServiceAccountKey {
    }

    enum ApplicationDefault implements Base {
        INSTANCE;

        @Override
        public String toString() {
            return "Application Default Credentials";
        }
    }

    /** Key bytes and their hash; only the hash takes part in equality. */
    static final class ServiceAccountKey implements Base {
        private final byte[] json;
        private final String source;
        private final String sha256;

        private ServiceAccountKey(byte[] json, String source) {
            this.json = json;
            this.source = source;
            this.sha256 = sha256(json);
        }

        /** A copy of the key file's bytes. */
        byte[] json() {
            return json.clone();
        }

        String source() {
            return source;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ServiceAccountKey that && sha256.equals(that.sha256);
        }

        @Override
        public int hashCode() {
            return sha256.hashCode();
        }

        @Override
        public String toString() {
            return "service account key from " + source + " (sha256:" + sha256.substring(0, SHOWN_HASH_CHARS) + ", "
                    + json.length + " bytes)";
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
