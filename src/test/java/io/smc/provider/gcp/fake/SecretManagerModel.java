package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Projects, secrets and versions in memory, with the rules of Secret Manager v1 as clients meet them: names answered
 * with the project number, etags renewed on every change, versions numbered from 1 and never reused, {@code latest}
 * meaning the most recently created version whatever its state, destroyed data gone for good. One lock guards it
 * all, so each call is atomic, as each call to the real service is.
 *
 * <p>Kept of a secret: labels, annotations, replication (global secrets), customer-managed encryption (regional
 * secrets), create time and etag; other fields (topics, rotation, expiry, version aliases, tags) are dropped.
 */
final class SecretManagerModel {
    private static final Set<String> UPDATABLE_PATHS = Set.of("labels", "annotations");

    private final ProjectDirectory projects;
    private final Clock clock;
    private final Map<SecretKey, StoredSecret> secrets = new HashMap<>();
    private long secretsListed;

    SecretManagerModel(ProjectDirectory projects, Clock clock) {
        this.projects = projects;
        this.clock = clock;
    }

    // ---- secrets ---------------------------------------------------------------------------------------------------

    synchronized Secret createSecret(CreateSecretRequest request) {
        ParentPath parent = ParentPath.parse("parent", request.getParent());
        SecretRules.checkSecretId(request.getSecretId());
        Secret sent = request.getSecret();
        SecretRules.checkReplication(parent.regional(), sent.hasReplication(), sent.getReplication());
        SecretRules.checkLabels(sent.getLabelsMap());
        SecretRules.checkAnnotations(sent.getAnnotationsMap());
        SecretKey key = SecretKey.of(projects.resolve(parent.project()), new SecretPath(parent, request.getSecretId()));
        if (secrets.containsKey(key)) {
            throw RpcError.of(Status.Code.ALREADY_EXISTS, "Secret [" + key.name() + "] already exists.");
        }
        Secret.Builder stored = Secret.newBuilder()
                .setName(key.name())
                .putAllLabels(sent.getLabelsMap())
                .putAllAnnotations(sent.getAnnotationsMap())
                .setCreateTime(now())
                .setEtag(Etags.next());
        if (key.regional()) {
            if (sent.hasCustomerManagedEncryption()) {
                SecretRules.checkKmsKey(sent.getCustomerManagedEncryption());
                stored.setCustomerManagedEncryption(sent.getCustomerManagedEncryption());
            }
        } else {
            stored.setReplication(sent.getReplication());
        }
        Secret created = stored.build();
        secrets.put(key, new StoredSecret(key, created));
        return created;
    }

    synchronized Secret getSecret(GetSecretRequest request) {
        return existing("name", request.getName()).metadata();
    }

    synchronized ListSecretsResponse listSecrets(ListSecretsRequest request) {
        ParentPath parent = ParentPath.parse("parent", request.getParent());
        int pageSize = PageToken.pageSize(request.getPageSize());
        String after = PageToken.position(request.getPageToken());
        var matches = ListFilter.secrets(request.getFilter());
        Project project = projects.resolve(parent.project());
        String location = parent.regional() ? parent.location() : "";
        List<StoredSecret> inParent = secrets.values().stream()
                .filter(secret -> secret.key().project().equals(project) && secret.key().location().equals(location))
                .filter(secret -> matches.test(secret.metadata()))
                .sorted(Comparator.comparing(secret -> secret.key().secretId()))
                .toList();
        List<StoredSecret> rest = inParent.stream()
                .filter(secret -> after == null || secret.key().secretId().compareTo(after) > 0)
                .toList();
        ListSecretsResponse.Builder page = ListSecretsResponse.newBuilder().setTotalSize(inParent.size());
        rest.stream().limit(pageSize).forEach(secret -> page.addSecrets(secret.metadata()));
        secretsListed += page.getSecretsCount();
        if (rest.size() > pageSize) {
            page.setNextPageToken(PageToken.after(rest.get(pageSize - 1).key().secretId()));
        }
        return page.build();
    }

    /** Secrets sent in ListSecrets answers since the last reset: what listing costs the client to take in. */
    synchronized long secretsListed() {
        return secretsListed;
    }

    synchronized void resetSecretsListed() {
        secretsListed = 0;
    }

    synchronized Secret updateSecret(UpdateSecretRequest request) {
        Secret sent = request.getSecret();
        StoredSecret stored = existing("secret.name", sent.getName());
        List<String> paths = request.getUpdateMask().getPathsList();
        if (paths.isEmpty()) {
            throw RpcError.invalidArgument("update_mask is required: list the fields to update.");
        }
        for (String path : paths) {
            if (!UPDATABLE_PATHS.contains(path)) {
                throw RpcError.invalidArgument("Invalid update_mask path '" + path + "': the fake Secret Manager "
                        + "updates only " + UPDATABLE_PATHS + ".");
            }
        }
        checkEtag(sent.getEtag(), stored.metadata().getEtag(), "Secret [" + stored.key().name() + "]");
        Secret.Builder updated = stored.metadata().toBuilder().setEtag(Etags.next());
        if (paths.contains("labels")) {
            SecretRules.checkLabels(sent.getLabelsMap());
            updated.clearLabels().putAllLabels(sent.getLabelsMap());
        }
        if (paths.contains("annotations")) {
            SecretRules.checkAnnotations(sent.getAnnotationsMap());
            updated.clearAnnotations().putAllAnnotations(sent.getAnnotationsMap());
        }
        stored.replace(updated.build());
        return stored.metadata();
    }

    synchronized Empty deleteSecret(DeleteSecretRequest request) {
        StoredSecret stored = existing("name", request.getName());
        checkEtag(request.getEtag(), stored.metadata().getEtag(), "Secret [" + stored.key().name() + "]");
        secrets.remove(stored.key());
        return Empty.getDefaultInstance();
    }

    // ---- versions --------------------------------------------------------------------------------------------------

    synchronized SecretVersion addSecretVersion(AddSecretVersionRequest request) {
        StoredSecret stored = existing("parent", request.getParent());
        if (!request.hasPayload()) {
            throw RpcError.invalidArgument("payload is required.");
        }
        SecretPayload payload = request.getPayload();
        SecretRules.checkPayloadSize(payload.getData().size());
        if (payload.hasDataCrc32C() && payload.getDataCrc32C() != Checksums.crc32c(payload.getData())) {
            throw RpcError.invalidArgument("Checksum mismatch: data_crc32c " + payload.getDataCrc32C()
                    + " is not the CRC32C of the payload data; the data may have been corrupted on its way.");
        }
        long number = stored.nextVersionNumber();
        SecretVersion version = SecretVersion.newBuilder()
                .setName(stored.key().versionName(number))
                .setCreateTime(now())
                .setState(SecretVersion.State.ENABLED)
                .setEtag(Etags.next())
                .setClientSpecifiedPayloadChecksum(payload.hasDataCrc32C())
                .build();
        stored.put(new StoredVersion(version, payload.getData()));
        return version;
    }

    synchronized SecretVersion getSecretVersion(GetSecretVersionRequest request) {
        return version(VersionPath.parse("name", request.getName())).metadata();
    }

    synchronized ListSecretVersionsResponse listSecretVersions(ListSecretVersionsRequest request) {
        StoredSecret stored = existing("parent", request.getParent());
        int pageSize = PageToken.pageSize(request.getPageSize());
        String after = PageToken.position(request.getPageToken());
        long below = after == null ? Long.MAX_VALUE : parsePosition(after);
        var matches = ListFilter.versions(request.getFilter());
        List<StoredVersion> all = stored.newestFirst().stream()
                .filter(version -> matches.test(version.metadata()))
                .toList();
        List<StoredVersion> rest = all.stream().filter(version -> version.number() < below).toList();
        ListSecretVersionsResponse.Builder page = ListSecretVersionsResponse.newBuilder().setTotalSize(all.size());
        rest.stream().limit(pageSize).forEach(version -> page.addVersions(version.metadata()));
        if (rest.size() > pageSize) {
            page.setNextPageToken(PageToken.after(Long.toString(rest.get(pageSize - 1).number())));
        }
        return page.build();
    }

    synchronized AccessSecretVersionResponse accessSecretVersion(AccessSecretVersionRequest request) {
        StoredVersion version = version(VersionPath.parse("name", request.getName()));
        if (version.state() != SecretVersion.State.ENABLED) {
            throw inState(version);
        }
        return AccessSecretVersionResponse.newBuilder()
                .setName(version.metadata().getName())
                .setPayload(SecretPayload.newBuilder()
                        .setData(version.data())
                        .setDataCrc32C(Checksums.crc32c(version.data())))
                .build();
    }

    synchronized SecretVersion disableSecretVersion(DisableSecretVersionRequest request) {
        return changeVersion(request.getName(), request.getEtag(), version -> withState(version,
                SecretVersion.State.DISABLED));
    }

    synchronized SecretVersion enableSecretVersion(EnableSecretVersionRequest request) {
        return changeVersion(request.getName(), request.getEtag(), version -> withState(version,
                SecretVersion.State.ENABLED));
    }

    synchronized SecretVersion destroySecretVersion(DestroySecretVersionRequest request) {
        return changeVersion(request.getName(), request.getEtag(), version -> new StoredVersion(
                version.metadata().toBuilder()
                        .setState(SecretVersion.State.DESTROYED)
                        .setDestroyTime(now())
                        .build(),
                ByteString.EMPTY));
    }

    // ---- direct access for tests -------------------------------------------------------------------------------

    synchronized Optional<Secret> secret(String name) {
        SecretPath path = SecretPath.parse("name", name);
        return projects.find(path.parent().project())
                .map(project -> secrets.get(SecretKey.of(project, path)))
                .map(StoredSecret::metadata);
    }

    /** The ids of a project's global secrets, in order. */
    synchronized List<String> secretIds(String projectId) {
        Optional<Project> project = projects.find(projectId);
        return secrets.values().stream()
                .filter(secret -> project.isPresent() && secret.key().project().equals(project.get())
                        && secret.key().location().isEmpty())
                .map(secret -> secret.key().secretId())
                .sorted()
                .toList();
    }

    /** Every version, oldest first, destroyed ones included. */
    synchronized List<SecretVersion> versions(String secretName) {
        return existing("name", secretName).oldestFirst().stream().map(StoredVersion::metadata).toList();
    }

    /** The data a version holds now (empty once destroyed). */
    synchronized ByteString data(String versionName) {
        return version(VersionPath.parse("name", versionName)).data();
    }

    // ---- rules shared by the calls -----------------------------------------------------------------------------

    private StoredSecret existing(String field, String name) {
        SecretPath path = SecretPath.parse(field, name);
        SecretKey key = SecretKey.of(projects.resolve(path.parent().project()), path);
        StoredSecret stored = secrets.get(key);
        if (stored == null) {
            throw RpcError.notFound("Secret [" + key.name() + "] not found.");
        }
        return stored;
    }

    private StoredVersion version(VersionPath path) {
        return located(path).version();
    }

    private Located located(VersionPath path) {
        SecretKey key = SecretKey.of(projects.resolve(path.secret().parent().project()), path.secret());
        StoredSecret stored = secrets.get(key);
        if (stored == null || (path.version().equals(VersionPath.LATEST) && stored.latest().isEmpty())) {
            throw RpcError.notFound("Secret [" + key.name() + "] not found or has no versions.");
        }
        StoredVersion version = path.version().equals(VersionPath.LATEST)
                ? stored.latest().orElseThrow()
                : versionNumber(path.version())
                        .flatMap(stored::version)
                        .orElseThrow(() -> RpcError.notFound("Secret Version [" + key.name() + "/versions/"
                                + path.version() + "] not found."));
        return new Located(stored, version);
    }

    private SecretVersion changeVersion(String name, String etag, UnaryOperator<StoredVersion> change) {
        Located found = located(VersionPath.parse("name", name));
        StoredVersion version = found.version();
        checkEtag(etag, version.metadata().getEtag(), "Secret Version [" + version.metadata().getName() + "]");
        if (version.state() == SecretVersion.State.DESTROYED) {
            throw inState(version);
        }
        StoredVersion changed = change.apply(version);
        StoredVersion stamped = new StoredVersion(changed.metadata().toBuilder().setEtag(Etags.next()).build(),
                changed.data());
        found.secret().put(stamped);
        return stamped.metadata();
    }

    private static StoredVersion withState(StoredVersion version, SecretVersion.State state) {
        return new StoredVersion(version.metadata().toBuilder().setState(state).build(), version.data());
    }

    /** The real service answers a stale etag with FAILED_PRECONDITION (HTTP 400), not ABORTED. */
    private static void checkEtag(String sent, String current, String resource) {
        if (!sent.isEmpty() && !sent.equals(current)) {
            throw RpcError.failedPrecondition("The etag " + sent + " does not match the current etag of "
                    + resource + ".");
        }
    }

    private static RpcError inState(StoredVersion version) {
        return RpcError.failedPrecondition("Secret Version [" + version.metadata().getName() + "] is in "
                + version.state() + " state.");
    }

    private static Optional<Long> versionNumber(String text) {
        try {
            long number = Long.parseLong(text);
            return number > 0 ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException alias) {
            // an alias the fake does not keep: not found, as an unknown alias is
            return Optional.empty();
        }
    }

    private static long parsePosition(String position) {
        return versionNumber(position).orElseThrow(() -> RpcError.invalidArgument("Invalid page token."));
    }

    private record Located(StoredSecret secret, StoredVersion version) {
    }

    private Timestamp now() {
        Instant instant = clock.instant();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
