package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An in-process Google Cloud Secret Manager v1 for tests, speaking both real protocols over loopback: gRPC in
 * plaintext at {@link #target()} and the REST binding at {@link #endpoint()}. Both serve one model, so a test can
 * write over one and read over the other, and the real client library can be pointed at either.
 *
 * <p>Faults (latency, quota, injected errors, IAM denials) and counters apply to both transports alike. Methods
 * named {@code ...Directly} change the model as a person in the console would: no faults, no counters, no quota.
 *
 * <p>Not modelled: IAM policy methods, version aliases, rotation, topics, expiry, TTLs, tags, and list filters
 * beyond labels, name and state (refused with INVALID_ARGUMENT).
 */
public final class FakeSecretManager implements AutoCloseable {
    private final ProjectDirectory projects = new ProjectDirectory();
    private final Faults faults = new Faults();
    private final QuotaLimiter quotas = new QuotaLimiter(System::nanoTime);
    private final CallLog log = new CallLog();
    private final SecretManagerModel model;
    private final GrpcFrontEnd grpc;
    private final RestFrontEnd rest;

    private FakeSecretManager(Clock clock, InetSocketAddress grpcAddress, InetSocketAddress restAddress) {
        model = new SecretManagerModel(projects, clock);
        Dispatcher dispatcher = new Dispatcher(model, projects, faults, quotas, log);
        grpc = GrpcFrontEnd.start(dispatcher, log, grpcAddress);
        try {
            rest = RestFrontEnd.start(dispatcher, log, restAddress);
        } catch (RuntimeException e) {
            grpc.close();
            throw e;
        }
    }

    /** Both transports started on ephemeral loopback ports, serving the given projects. */
    public static FakeSecretManager start(String... projectIds) {
        return start(Clock.systemUTC(), projectIds);
    }

    /** As {@link #start(String...)}, with create and destroy times from {@code clock}. */
    public static FakeSecretManager start(Clock clock, String... projectIds) {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        return start(clock, loopback, loopback, projectIds);
    }

    /**
     * As {@link #start(Clock, String...)}, listening where asked: a pod serving the fake to a cluster binds every
     * interface on fixed ports.
     */
    public static FakeSecretManager start(Clock clock, InetSocketAddress grpcAddress, InetSocketAddress restAddress,
            String... projectIds) {
        FakeSecretManager fake = new FakeSecretManager(clock, grpcAddress, restAddress);
        for (String projectId : projectIds) {
            fake.addProject(projectId);
        }
        return fake;
    }

    /** The gRPC target, {@code localhost:port}, for a plaintext channel. */
    public String target() {
        return grpc.target();
    }

    /** The REST endpoint, {@code http://localhost:port}. */
    public String endpoint() {
        return rest.endpoint();
    }

    /** The REST front end's {@code host:port}, as {@code SECRET_MANAGER_EMULATOR_HOST} names it. */
    public String restAddress() {
        return endpoint().substring("http://".length());
    }

    @Override
    public void close() {
        try {
            rest.close();
        } finally {
            grpc.close();
        }
    }

    // ---- projects ------------------------------------------------------------------------------------------------

    /** Serves one more project; returns its number. Requests for projects not added are NOT_FOUND. */
    public long addProject(String projectId) {
        return projects.add(projectId).number();
    }

    /** The number the fake gives a project id, the same in every run; responses name projects by it. */
    public static long projectNumber(String projectId) {
        return ProjectDirectory.numberOf(projectId);
    }

    // ---- the model, directly -------------------------------------------------------------------------------------

    /** The global secret as stored, if it exists; the project may be given by id or number. */
    public Optional<Secret> secret(String project, String secretId) {
        return secret(globalName(project, secretId));
    }

    /** Any secret by resource name, global or regional. */
    public Optional<Secret> secret(String secretName) {
        return direct(() -> model.secret(secretName));
    }

    /** The ids of a project's global secrets, in order; the project may be given by id or number. */
    public List<String> secretIds(String project) {
        return direct(() -> model.secretIds(project));
    }

    /** A global secret's versions, oldest first, destroyed ones included. */
    public List<SecretVersion> versions(String project, String secretId) {
        return versions(globalName(project, secretId));
    }

    /** Any secret's versions by resource name, oldest first. */
    public List<SecretVersion> versions(String secretName) {
        return direct(() -> model.versions(secretName));
    }

    /** The data a version holds (empty once destroyed); {@code version} may be {@code latest}. */
    public ByteString data(String project, String secretId, String version) {
        return direct(() -> model.data(globalName(project, secretId) + "/versions/" + version));
    }

    /** Creates a global secret with automatic replication, as someone would in the console. */
    public Secret createSecretDirectly(String project, String secretId, Map<String, String> labels) {
        return direct(() -> model.createSecret(CreateSecretRequest.newBuilder()
                .setParent("projects/" + project)
                .setSecretId(secretId)
                .setSecret(Secret.newBuilder()
                        .setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.newBuilder()))
                        .putAllLabels(labels))
                .build()));
    }

    /** Adds a version to a global secret, as someone would by hand. */
    public SecretVersion addVersionDirectly(String project, String secretId, ByteString data) {
        return addVersionDirectly(globalName(project, secretId), data);
    }

    /** Adds a UTF-8 version to a global secret, as someone would by hand. */
    public SecretVersion addVersionDirectly(String project, String secretId, String data) {
        return addVersionDirectly(project, secretId, ByteString.copyFrom(data, StandardCharsets.UTF_8));
    }

    /** Adds a version to any secret by resource name. */
    public SecretVersion addVersionDirectly(String secretName, ByteString data) {
        return direct(() -> model.addSecretVersion(AddSecretVersionRequest.newBuilder()
                .setParent(secretName)
                .setPayload(SecretPayload.newBuilder().setData(data))
                .build()));
    }

    public SecretVersion disableVersionDirectly(String project, String secretId, long version) {
        return direct(() -> model.disableSecretVersion(DisableSecretVersionRequest.newBuilder()
                .setName(globalName(project, secretId) + "/versions/" + version)
                .build()));
    }

    public SecretVersion destroyVersionDirectly(String project, String secretId, long version) {
        return direct(() -> model.destroySecretVersion(DestroySecretVersionRequest.newBuilder()
                .setName(globalName(project, secretId) + "/versions/" + version)
                .build()));
    }

    public void deleteSecretDirectly(String project, String secretId) {
        direct(() -> model.deleteSecret(com.google.cloud.secretmanager.v1.DeleteSecretRequest.newBuilder()
                .setName(globalName(project, secretId))
                .build()));
    }

    // ---- faults --------------------------------------------------------------------------------------------------

    /** Holds every answer back by {@code latency}, after the call has taken effect. */
    public void setLatency(Duration latency) {
        faults.latency(latency);
    }

    /**
     * Enforces a per-minute quota on one class of calls: a token bucket holding one second's worth (at least one
     * call), refilled continuously, so a client pacing itself at or under the rate never sees an error and a burst
     * beyond one second's worth gets RESOURCE_EXHAUSTED (HTTP 429).
     */
    public void setQuota(CallClass callClass, int perMinute) {
        quotas.limit(callClass, perMinute);
    }

    public void clearQuota(CallClass callClass) {
        quotas.unlimit(callClass);
    }

    /** The next {@code times} calls of {@code method} (an RPC name such as "AddSecretVersion") fail, unapplied. */
    public void failNext(String method, Status status, int times) {
        faults.failNext(method, status, times);
    }

    /** The next {@code times} calls of {@code method} take effect, then answer {@code status}. */
    public void applyThenFail(String method, Status status, int times) {
        faults.applyThenFail(method, status, times);
    }

    /**
     * Until {@link #endOutage()}, every call fails with {@code status} (UNAVAILABLE, say) before taking effect, as
     * when the service or the way to it is down; the calls are still counted.
     */
    public void outage(Status status) {
        if (status.isOk()) {
            throw new IllegalArgumentException("an outage is an error status");
        }
        faults.outage(status);
    }

    public void endOutage() {
        faults.outage(null);
    }

    /** The next {@code times} accesses answer with a damaged payload and the intact payload's CRC32C. */
    public void damageNextAccesses(int times) {
        faults.damageNextAccesses(times);
    }

    /** Calls needing {@code permission} (e.g. "secretmanager.versions.add") on the project are PERMISSION_DENIED. */
    public void denyPermission(String projectId, String permission) {
        faults.deny(projectId, permission);
    }

    public void allowPermission(String projectId, String permission) {
        faults.allow(projectId, permission);
    }

    /** Drops every fault and quota: no latency, no pending failures, no denials. */
    public void clearFaults() {
        faults.clear();
        quotas.unlimitAll();
    }

    // ---- observation ---------------------------------------------------------------------------------------------

    /** Calls of one RPC received, over both transports, failed ones included. */
    public int calls(String method) {
        return log.calls(Rpc.checkName(method));
    }

    /** Calls received by RPC name. */
    public Map<String, Integer> calls() {
        return log.calls();
    }

    /** Calls of one RPC answered with {@code code}. */
    public int errors(String method, Status.Code code) {
        return log.errors(Rpc.checkName(method), code);
    }

    /** Calls of one RPC answered with any error. */
    public int errors(String method) {
        return log.errors(Rpc.checkName(method));
    }

    /** RESOURCE_EXHAUSTED answers, all RPCs together, injected ones included. */
    public int resourceExhausted() {
        return log.resourceExhausted();
    }

    /** The last request that came over a transport, with its headers or metadata. */
    public Optional<SeenRequest> lastRequest(Protocol protocol) {
        return log.lastRequest(protocol);
    }

    /** The {@code authorization} value of the last request over a transport, if it had one. */
    public Optional<String> lastAuthorization(Protocol protocol) {
        return lastRequest(protocol).flatMap(SeenRequest::authorization);
    }

    /** Secrets sent in ListSecrets answers, over both transports: how much a client's listings take in. */
    public long secretsListed() {
        return model.secretsListed();
    }

    /** Forgets calls, errors, requests seen and secrets listed; the model and faults stay. */
    public void resetCounters() {
        log.reset();
        model.resetSecretsListed();
    }

    private static String globalName(String project, String secretId) {
        return "projects/" + project + "/secrets/" + secretId;
    }

    /** Direct access reports what the service would refuse as a plain exception, for a test's own mistakes. */
    private static <T> T direct(Supplier<T> access) {
        try {
            return access.get();
        } catch (RpcError e) {
            throw new IllegalArgumentException(e.code() + ": " + e.getMessage(), e);
        }
    }
}
