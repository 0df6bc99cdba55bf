package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.CustomerManagedEncryption;
import com.google.cloud.secretmanager.v1.Replication;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks the real service makes on what a client sends, with the limits it documents, so that a client which
 * would be refused in production is refused here too (with INVALID_ARGUMENT).
 */
final class SecretRules {
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern LABEL_KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");
    private static final Pattern ANNOTATION_KEY = Pattern.compile(
            "[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern KMS_KEY = Pattern.compile(
            "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final int MAX_LABELS = 64;
    private static final int MAX_LABEL_BYTES = 128;
    private static final int MAX_ANNOTATION_BYTES = 16 * 1024;

    private SecretRules() {
    }

    static void checkSecretId(String secretId) {
        if (!SECRET_ID.matcher(secretId).matches()) {
            throw RpcError.invalidArgument("Invalid secret ID '" + secretId + "': an ID is 1 to 255 characters, "
                    + "each a letter, digit, hyphen (-) or underscore (_).");
        }
    }

    static void checkLabels(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            throw RpcError.invalidArgument("A secret can have at most " + MAX_LABELS + " labels, got "
                    + labels.size() + ".");
        }
        labels.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches() || utf8Length(key) > MAX_LABEL_BYTES) {
                throw RpcError.invalidArgument("Invalid label key '" + key + "': keys start with a lower case "
                        + "letter and hold lower case letters, digits, hyphens and underscores, 63 at most.");
            }
            if (!LABEL_VALUE.matcher(value).matches() || utf8Length(value) > MAX_LABEL_BYTES) {
                throw RpcError.invalidArgument("Invalid value '" + value + "' of label '" + key + "': values hold "
                        + "lower case letters, digits, hyphens and underscores, 63 at most.");
            }
        });
    }

    static void checkAnnotations(Map<String, String> annotations) {
        int total = 0;
        for (Map.Entry<String, String> annotation : annotations.entrySet()) {
            String key = annotation.getKey();
            if (!ANNOTATION_KEY.matcher(key).matches() || utf8Length(key) > MAX_LABEL_BYTES) {
                throw RpcError.invalidArgument("Invalid annotation key '" + key + "': keys are 1 to 63 characters, "
                        + "alphanumeric at both ends, with dashes, underscores and dots between.");
            }
            total += utf8Length(key) + utf8Length(annotation.getValue());
        }
        if (total >= MAX_ANNOTATION_BYTES) {
            throw RpcError.invalidArgument("The annotations of a secret must total less than 16KiB, got "
                    + total + " bytes.");
        }
    }

    /** Global secrets need a replication policy; regional ones live in their location and may not have one. */
    static void checkReplication(boolean regional, boolean present, Replication replication) {
        if (regional) {
            if (present) {
                throw RpcError.invalidArgument("Replication policy is not supported for regional secrets: "
                        + "a regional secret lives in its location only.");
            }
            return;
        }
        switch (replication.getReplicationCase()) {
            case AUTOMATIC -> {
                if (replication.getAutomatic().hasCustomerManagedEncryption()) {
                    checkKmsKey(replication.getAutomatic().getCustomerManagedEncryption());
                }
            }
            case USER_MANAGED -> {
                if (replication.getUserManaged().getReplicasCount() == 0) {
                    throw RpcError.invalidArgument("Secret.replication.user_managed.replicas must list at least "
                            + "one replica.");
                }
                replication.getUserManaged().getReplicasList().forEach(replica -> {
                    if (replica.getLocation().isEmpty()) {
                        throw RpcError.invalidArgument(
                                "Secret.replication.user_managed.replicas[].location is required.");
                    }
                    if (replica.hasCustomerManagedEncryption()) {
                        checkKmsKey(replica.getCustomerManagedEncryption());
                    }
                });
            }
            default -> throw RpcError.invalidArgument("Secret.replication is required: automatic or "
                    + "user_managed.");
        }
    }

    /** Customer-managed encryption names its Cloud KMS key; the fake checks the name's shape, not the key. */
    static void checkKmsKey(CustomerManagedEncryption encryption) {
        if (!KMS_KEY.matcher(encryption.getKmsKeyName()).matches()) {
            throw RpcError.invalidArgument("customer_managed_encryption.kms_key_name '"
                    + encryption.getKmsKeyName() + "' is not of the form "
                    + "projects/*/locations/*/keyRings/*/cryptoKeys/*.");
        }
    }

    static void checkPayloadSize(int size) {
        if (size > MAX_PAYLOAD_BYTES) {
            throw RpcError.invalidArgument("Secret payload data is " + size + " bytes; it cannot be larger than "
                    + MAX_PAYLOAD_BYTES + " bytes (64 KiB).");
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
