package io.smc.provider.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
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
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import io.smc.provider.LatestVersion;
import io.smc.provider.NewSecret;
import io.smc.provider.SecretSelection;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.secrets.SecretValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Google Cloud Secret Manager as a {@link SecretStore}: the global secrets of a project, or its regional secrets in
 * one location, through the official client. Each method is one call (a retried call included); the pacing,
 * retries and metrics are {@link GcpCalls}'.
 */
public final class GcpSecretStore implements SecretStore {
    /** Secret Manager's largest page; a project of up to this many secrets is listed in one read. */
    static final int PAGE_SIZE = 25_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Set<StatusCode.Code> NONE = Set.of();
    private static final Set<StatusCode.Code> INVALID = Set.of(StatusCode.Code.INVALID_ARGUMENT);

    private final SecretManagerServiceClient client;
    private final String project;
    private final String location;
    private final String parent;
    private final GcpCalls calls;
    private volatile boolean filterRefused;

    /**
     * @param location null for global secrets, else the location of regional secrets (the client must then talk to
     *                 that location's regional endpoint)
     */
    public GcpSecretStore(SecretManagerServiceClient client, String project, String location, QuotaLimiter limiter,
            Retrier retrier, ProviderMetrics metrics) {
        this.client = client;
        this.project = project;
        this.location = location;
        this.parent = location == null ? "projects/" + project : "projects/" + project + "/locations/" + location;
        this.calls = new GcpCalls(project, limiter, retrier, metrics);
    }

    @Override
    public String id() {
        return "gcp:" + parent;
    }

    @Override
    public Map<String, StoredSecret> list() throws StoreException {
        return listMatching("", NONE, secret -> true);
    }

    /**
     * Asks the service for the selection only (a filter it evaluates), so the answer is a config's secrets rather
     * than the project's; then keeps exactly the selection, the filter's {@code name:} being a substring match. A
     * filter too long to send, or one the service refuses, falls back to the whole listing: still one read.
     */
    @Override
    public Map<String, StoredSecret> list(SecretSelection selection) throws StoreException {
        if (selection.isEmpty()) {
            return new TreeMap<>();
        }
        Optional<String> filter = filterRefused ? Optional.empty() : ListFilters.of(selection);
        if (filter.isPresent()) {
            try {
                return listMatching(filter.get(), INVALID, selection::selects);
            } catch (ApiException refused) {
                filterRefused = true; // this endpoint does not take the filter: list whole from now on
            }
        }
        return listMatching("", NONE, selection::selects);
    }

    private Map<String, StoredSecret> listMatching(String filter, Set<StatusCode.Code> expected,
            Predicate<StoredSecret> keep) throws StoreException {
        Map<String, StoredSecret> secrets = new TreeMap<>();
        String pageToken = "";
        do {
            ListSecretsRequest request = ListSecretsRequest.newBuilder().setParent(parent).setPageSize(PAGE_SIZE)
                    .setFilter(filter).setPageToken(pageToken).build();
            ListSecretsResponse page = calls.call(GcpMethod.LIST_SECRETS, null, expected,
                    attempt -> client.listSecretsCallable().call(request));
            for (Secret secret : page.getSecretsList()) {
                StoredSecret stored = GcpMessages.toStored(secret);
                if (keep.test(stored)) {
                    secrets.put(stored.name(), stored);
                }
            }
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        return secrets;
    }

    @Override
    public Optional<StoredSecret> get(String name) throws StoreException {
        GetSecretRequest request = GetSecretRequest.newBuilder().setName(secretName(name)).build();
        try {
            return Optional.of(GcpMessages.toStored(calls.call(GcpMethod.GET_SECRET, name, GcpErrors.MISSING,
                    attempt -> client.getSecretCallable().call(request))));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<StoredVersion> versions(String name) throws StoreException {
        List<StoredVersion> versions = new ArrayList<>();
        String pageToken = "";
        do {
            ListSecretVersionsRequest request = ListSecretVersionsRequest.newBuilder().setParent(secretName(name))
                    .setPageSize(PAGE_SIZE).setPageToken(pageToken).build();
            ListSecretVersionsResponse page;
            try {
                page = calls.call(GcpMethod.LIST_VERSIONS, name, GcpErrors.MISSING,
                        attempt -> client.listSecretVersionsCallable().call(request));
            } catch (ApiException e) {
                throw missing(name);
            }
            for (SecretVersion version : page.getVersionsList()) {
                versions.add(new StoredVersion(GcpMessages.versionNumber(version.getName()),
                        GcpMessages.state(version.getState()), Optional.empty()));
            }
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        versions.sort(Comparator.comparingLong(StoredVersion::number));
        return versions;
    }

    @Override
    public Optional<SecretValue> access(String name, long version) throws StoreException {
        try {
            return Optional.of(accessVersion(name, Long.toString(version)).value());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    @Override
    public LatestVersion accessLatest(String name) throws StoreException {
        try {
            return accessVersion(name, "latest");
        } catch (ApiException e) {
            if (GcpErrors.notFound(e)) {
                return new LatestVersion.None();
            }
        }
        // The newest version is disabled or destroyed: its number and state cost one read.
        GetSecretVersionRequest request = GetSecretVersionRequest.newBuilder()
                .setName(secretName(name) + "/versions/latest").build();
        try {
            SecretVersion version = calls.call(GcpMethod.GET_VERSION, name, GcpErrors.MISSING,
                    attempt -> client.getSecretVersionCallable().call(request));
            return new LatestVersion.Unreadable(GcpMessages.versionNumber(version.getName()),
                    GcpMessages.state(version.getState()), Optional.empty());
        } catch (ApiException e) {
            return new LatestVersion.None();
        }
    }

    /**
     * Reads a version and checks its CRC32C, so a value damaged on the way is never compared or published.
     *
     * @throws ApiException for a missing version or one that cannot be read (disabled, destroyed)
     */
    private LatestVersion.Readable accessVersion(String name, String version) throws StoreException {
        AccessSecretVersionRequest request = AccessSecretVersionRequest.newBuilder()
                .setName(secretName(name) + "/versions/" + version).build();
        AccessSecretVersionResponse response = calls.call(GcpMethod.ACCESS_VERSION, name,
                GcpErrors.MISSING_OR_REFUSED, attempt -> {
            AccessSecretVersionResponse answer = client.accessSecretVersionCallable().call(request);
            SecretPayload payload = answer.getPayload();
            if (payload.hasDataCrc32C() && payload.getDataCrc32C() != Crc32c.of(payload.getData())) {
                throw StoreException.transientFailure("version " + version + " of secret " + name
                        + " arrived damaged (CRC32C mismatch)", null);
            }
            return answer;
        });
        return new LatestVersion.Readable(GcpMessages.versionNumber(response.getName()),
                SecretValue.of(response.getPayload().getData().toByteArray()));
    }

    @Override
    public void create(String name, NewSecret secret) throws StoreException {
        CreateSecretRequest request = CreateSecretRequest.newBuilder().setParent(parent).setSecretId(checked(name))
                .setSecret(GcpMessages.toSecret(secret, location != null)).build();
        int[] attempts = {0};
        try {
            calls.call(GcpMethod.CREATE_SECRET, name, GcpErrors.EXISTS, attempt -> {
                attempts[0] = attempt;
                return client.createSecretCallable().call(request);
            });
        } catch (ApiException e) {
            // A retried create may meet the secret its own earlier attempt made: that is success, not a conflict.
            Optional<StoredSecret> existing = get(name);
            if (attempts[0] > 1 && existing.isPresent() && existing.get().labels().equals(secret.labels())
                    && existing.get().annotations().equals(secret.annotations())) {
                return;
            }
            if (existing.isEmpty()) {
                throw StoreException.transientFailure("CreateSecret of secret " + name + " was aborted: "
                        + GcpErrors.describe(e), e);
            }
            throw StoreException.refused("secret " + name + " already exists in project " + project, e);
        }
    }

    @Override
    public long addVersion(String name, SecretValue value) throws StoreException {
        AddSecretVersionRequest request = AddSecretVersionRequest.newBuilder().setParent(secretName(name))
                .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(value.bytes()))
                        .setDataCrc32C(Crc32c.of(value.bytes())))
                .build();
        try {
            return calls.call(GcpMethod.ADD_VERSION, name, GcpErrors.MISSING, attempt -> {
                if (attempt > 1) {
                    // The earlier attempt may have landed before its answer was lost: never add the value twice.
                    Optional<Long> landed = landedVersion(name, value);
                    if (landed.isPresent()) {
                        return landed.get();
                    }
                }
                return GcpMessages.versionNumber(client.addSecretVersionCallable().call(request).getName());
            });
        } catch (ApiException e) {
            throw missing(name);
        }
    }

    private Optional<Long> landedVersion(String name, SecretValue value) {
        try {
            LatestVersion latest = accessLatest(name);
            return latest instanceof LatestVersion.Readable r && r.value().equals(value)
                    ? Optional.of(r.number()) : Optional.empty();
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public void disableVersion(String name, long version) throws StoreException {
        DisableSecretVersionRequest request = DisableSecretVersionRequest.newBuilder()
                .setName(versionName(name, version)).build();
        changeVersion(GcpMethod.DISABLE_VERSION, name, version,
                () -> client.disableSecretVersionCallable().call(request));
    }

    @Override
    public void enableVersion(String name, long version) throws StoreException {
        EnableSecretVersionRequest request = EnableSecretVersionRequest.newBuilder()
                .setName(versionName(name, version)).build();
        changeVersion(GcpMethod.ENABLE_VERSION, name, version,
                () -> client.enableSecretVersionCallable().call(request));
    }

    @Override
    public void destroyVersion(String name, long version) throws StoreException {
        DestroySecretVersionRequest request = DestroySecretVersionRequest.newBuilder()
                .setName(versionName(name, version)).build();
        changeVersion(GcpMethod.DESTROY_VERSION, name, version,
                () -> client.destroySecretVersionCallable().call(request));
    }

    private void changeVersion(GcpMethod method, String name, long version, Supplier<?> call)
            throws StoreException {
        try {
            calls.call(method, name, GcpErrors.MISSING_OR_REFUSED, attempt -> call.get());
        } catch (ApiException e) {
            throw StoreException.refused(method.rpc() + " of version " + version + " of secret " + name
                    + " refused: " + GcpErrors.describe(e), e);
        }
    }

    @Override
    public void updateMetadata(String name, Map<String, String> labels, Map<String, String> annotations,
            String etag) throws StoreException {
        Secret.Builder secret = Secret.newBuilder().setName(secretName(name)).putAllLabels(labels)
                .putAllAnnotations(annotations);
        if (etag != null) {
            secret.setEtag(etag);
        }
        UpdateSecretRequest request = UpdateSecretRequest.newBuilder().setSecret(secret)
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels").addPaths("annotations")).build();
        preconditioned(GcpMethod.UPDATE_SECRET, name, etag, () -> client.updateSecretCallable().call(request));
    }

    @Override
    public void delete(String name, String etag) throws StoreException {
        DeleteSecretRequest.Builder request = DeleteSecretRequest.newBuilder().setName(secretName(name));
        if (etag != null) {
            request.setEtag(etag);
        }
        preconditioned(GcpMethod.DELETE_SECRET, name, etag, () -> client.deleteSecretCallable().call(request.build()));
    }

    /** A call under an etag: an outdated etag is {@link StoreException#stale() stale}, never retried as it is. */
    private void preconditioned(GcpMethod method, String name, String etag, Supplier<?> call)
            throws StoreException {
        try {
            calls.call(method, name, etag == null ? GcpErrors.MISSING : GcpErrors.MISSING_OR_STALE,
                    attempt -> call.get());
        } catch (ApiException e) {
            if (GcpErrors.notFound(e)) {
                throw missing(name);
            }
            throw StoreException.stale("secret " + name + " changed since it was read (etag " + etag + "); "
                    + method.rpc() + " not done: " + GcpErrors.describe(e), e);
        }
    }

    private StoreException missing(String name) {
        return StoreException.refused("secret " + name + " does not exist in " + parent);
    }

    private String secretName(String name) throws StoreException {
        return parent + "/secrets/" + checked(name);
    }

    private String versionName(String name, long version) throws StoreException {
        return secretName(name) + "/versions/" + version;
    }

    private static String checked(String name) throws StoreException {
        if (!NAME.matcher(name).matches()) {
            throw StoreException.refused("'" + name + "' is not a valid secret name");
        }
        return name;
    }
}
