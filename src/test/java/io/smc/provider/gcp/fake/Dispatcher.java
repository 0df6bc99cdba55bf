package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one path every call takes, whichever transport brought it, so faults and counters behave the same over both:
 * injected failure, quota, IAM, the model, a failure after applying, then the latency before the answer goes out.
 * Injected failures come first, as from a front end, and use no quota.
 */
final class Dispatcher {
    private static final String SERVICE_HOST = "secretmanager.googleapis.com";

    private final SecretManagerModel model;
    private final ProjectDirectory projects;
    private final Faults faults;
    private final QuotaLimiter quotas;
    private final CallLog log;

    Dispatcher(SecretManagerModel model, ProjectDirectory projects, Faults faults, QuotaLimiter quotas, CallLog log) {
        this.model = model;
        this.projects = projects;
        this.faults = faults;
        this.quotas = quotas;
        this.log = log;
    }

    /**
     * Serves one call. The request is read inside, so a request the transport cannot decode is counted and answered
     * like any other failed call.
     */
    <Q extends Message, R extends Message> R call(Rpc<Q, R> rpc, Supplier<Q> request) {
        log.called(rpc.name());
        R response = null;
        RpcError error = null;
        try {
            response = answer(rpc, request.get());
        } catch (RpcError e) {
            error = e;
        } catch (RuntimeException bug) {
            error = RpcError.of(Status.Code.INTERNAL, "The fake Secret Manager failed: " + bug);
        }
        // The call has taken effect by now; only the answer is late, as on a slow way back. A client that gives up
        // waiting may still find its write landed.
        hold(faults.latency());
        if (error != null) {
            log.failed(rpc.name(), error.code());
            throw error;
        }
        return response;
    }

    private <Q extends Message, R extends Message> R answer(Rpc<Q, R> rpc, Q request) {
        Optional<Status> injected = faults.outage().or(() -> faults.takeFailure(rpc.name()));
        if (injected.isPresent()) {
            throw RpcError.injected(injected.get());
        }
        String resource = rpc.resource().apply(request);
        String project = projectSegment(resource);
        checkQuota(rpc, project);
        checkPermission(rpc, resource, project);
        R response = rpc.serve().apply(model, request);
        if (response instanceof AccessSecretVersionResponse access && faults.takeDamagedAccess()) {
            @SuppressWarnings("unchecked") // the response of AccessSecretVersion is an AccessSecretVersionResponse
            R damaged = (R) damaged(access);
            response = damaged;
        }
        Optional<Status> afterApplying = faults.takeFailureAfterApplying(rpc.name());
        if (afterApplying.isPresent()) {
            throw RpcError.injected(afterApplying.get());
        }
        return response;
    }

    /** The payload with its first byte flipped and the checksum of the intact data: damage on the way. */
    private static AccessSecretVersionResponse damaged(AccessSecretVersionResponse access) {
        byte[] data = access.getPayload().getData().toByteArray();
        if (data.length > 0) {
            data[0] ^= 0x01;
        }
        return access.toBuilder().setPayload(access.getPayload().toBuilder()
                .setData(com.google.protobuf.ByteString.copyFrom(data))).build();
    }

    private void checkQuota(Rpc<?, ?> rpc, String project) {
        Integer limit = quotas.refusingLimit(rpc.callClass());
        if (limit == null) {
            return;
        }
        CallClass callClass = rpc.callClass();
        String consumer = project == null ? "unknown"
                : projects.find(project).map(found -> Long.toString(found.number())).orElse(project);
        throw RpcError.of(Status.Code.RESOURCE_EXHAUSTED, "Quota exceeded for quota metric '" + callClass.metric()
                + "' and limit '" + callClass.metric() + " per minute per project' of service '" + SERVICE_HOST
                + "' for consumer 'project_number:" + consumer + "'.",
                ErrorInfo.newBuilder()
                        .setReason("RATE_LIMIT_EXCEEDED")
                        .setDomain("googleapis.com")
                        .putMetadata("service", SERVICE_HOST)
                        .putMetadata("consumer", "projects/" + consumer)
                        .putMetadata("quota_metric", callClass.metricId())
                        .putMetadata("quota_limit", callClass.limitId())
                        .putMetadata("quota_limit_value", Integer.toString(limit))
                        .build());
    }

    private void checkPermission(Rpc<?, ?> rpc, String resource, String project) {
        if (project == null) {
            return;
        }
        boolean denied = faults.denials().stream().anyMatch(denial -> denial.permission().equals(rpc.permission())
                && (denial.projectId().equals(project)
                        || projects.find(denial.projectId()).map(known -> known.isNamedBy(project)).orElse(false)));
        if (denied) {
            throw RpcError.of(Status.Code.PERMISSION_DENIED, "Permission '" + rpc.permission()
                    + "' denied for resource '" + resource + "' (or it may not exist).",
                    ErrorInfo.newBuilder()
                            .setReason("IAM_PERMISSION_DENIED")
                            .setDomain("iam.googleapis.com")
                            .putMetadata("permission", rpc.permission())
                            .build());
        }
    }

    /** The project segment of a resource name, or null when the name does not start with one. */
    private static String projectSegment(String resource) {
        if (!resource.startsWith("projects/")) {
            return null;
        }
        int end = resource.indexOf('/', "projects/".length());
        return end < 0 ? resource.substring("projects/".length()) : resource.substring("projects/".length(), end);
    }

    private static void hold(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }
}
