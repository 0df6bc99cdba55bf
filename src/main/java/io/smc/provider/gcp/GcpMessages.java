package io.smc.provider.gcp;

import com.google.cloud.secretmanager.v1.CustomerManagedEncryption;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import io.smc.api.Replication;
import io.smc.provider.NewSecret;
import io.smc.provider.StoredSecret;
import io.smc.provider.VersionState;
import java.util.ArrayList;
import java.util.List;

/** Conversions between Secret Manager's messages and the store's records. */
final class GcpMessages {
    private GcpMessages() {
    }

    /**
     * The secret's id is the last part of its resource name: the service answers with the project's number where
     * the request had its id, so full names never compare.
     */
    static String secretId(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }

    static long versionNumber(String versionName) {
        return Long.parseLong(versionName.substring(versionName.lastIndexOf('/') + 1));
    }

    static VersionState state(SecretVersion.State state) {
        return switch (state) {
            case ENABLED -> VersionState.ENABLED;
            case DISABLED -> VersionState.DISABLED;
            default -> VersionState.DESTROYED;
        };
    }

    static StoredSecret toStored(Secret secret) {
        return new StoredSecret(secretId(secret.getName()), secret.getLabelsMap(), secret.getAnnotationsMap(),
                secret.getEtag(), secret.hasReplication() ? replication(secret.getReplication()) : null);
    }

    private static Replication replication(com.google.cloud.secretmanager.v1.Replication replication) {
        if (replication.hasUserManaged()) {
            List<Replication.Replica> replicas = new ArrayList<>();
            replication.getUserManaged().getReplicasList().forEach(r -> replicas.add(new Replication.Replica(
                    r.getLocation(), r.hasCustomerManagedEncryption()
                            ? r.getCustomerManagedEncryption().getKmsKeyName() : null)));
            return new Replication(null, new Replication.UserManaged(replicas));
        }
        com.google.cloud.secretmanager.v1.Replication.Automatic automatic = replication.getAutomatic();
        return new Replication(new Replication.Automatic(automatic.hasCustomerManagedEncryption()
                ? automatic.getCustomerManagedEncryption().getKmsKeyName() : null), null);
    }

    /** A new secret's message; a regional secret takes no replication block. */
    static Secret toSecret(NewSecret secret, boolean regional) {
        Secret.Builder builder = Secret.newBuilder().putAllLabels(secret.labels())
                .putAllAnnotations(secret.annotations());
        if (!regional) {
            builder.setReplication(replication(secret.replication()));
        }
        return builder.build();
    }

    private static com.google.cloud.secretmanager.v1.Replication replication(Replication replication) {
        com.google.cloud.secretmanager.v1.Replication.Builder proto =
                com.google.cloud.secretmanager.v1.Replication.newBuilder();
        if (replication != null && replication.userManaged() != null) {
            com.google.cloud.secretmanager.v1.Replication.UserManaged.Builder managed =
                    com.google.cloud.secretmanager.v1.Replication.UserManaged.newBuilder();
            for (Replication.Replica replica : replication.userManaged().replicas()) {
                com.google.cloud.secretmanager.v1.Replication.UserManaged.Replica.Builder r =
                        com.google.cloud.secretmanager.v1.Replication.UserManaged.Replica.newBuilder()
                                .setLocation(replica.location());
                if (replica.cmekKeyName() != null) {
                    r.setCustomerManagedEncryption(cmek(replica.cmekKeyName()));
                }
                managed.addReplicas(r);
            }
            return proto.setUserManaged(managed).build();
        }
        com.google.cloud.secretmanager.v1.Replication.Automatic.Builder automatic =
                com.google.cloud.secretmanager.v1.Replication.Automatic.newBuilder();
        if (replication != null && replication.automatic() != null && replication.automatic().cmekKeyName() != null) {
            automatic.setCustomerManagedEncryption(cmek(replication.automatic().cmekKeyName()));
        }
        return proto.setAutomatic(automatic).build();
    }

    private static CustomerManagedEncryption cmek(String keyName) {
        return CustomerManagedEncryption.newBuilder().setKmsKeyName(keyName).build();
    }
}
