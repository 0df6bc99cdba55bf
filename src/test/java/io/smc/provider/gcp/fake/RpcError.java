package io.smc.provider.gcp.fake;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;

/**
 * A failed call, as the service words it: a canonical code, a message, and the {@link ErrorInfo} detail the real
 * service attaches to quota and IAM errors (clients read its reason). Each transport renders it its own way.
 */
final class RpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Status.Code code;
    private final transient ErrorInfo info;

    private RpcError(Status.Code code, String message, ErrorInfo info) {
        super(message, null, false, false);
        this.code = code;
        this.info = info;
    }

    static RpcError of(Status.Code code, String message) {
        return new RpcError(code, message, null);
    }

    static RpcError of(Status.Code code, String message, ErrorInfo info) {
        return new RpcError(code, message, info);
    }

    static RpcError invalidArgument(String message) {
        return of(Status.Code.INVALID_ARGUMENT, message);
    }

    static RpcError notFound(String message) {
        return of(Status.Code.NOT_FOUND, message);
    }

    static RpcError failedPrecondition(String message) {
        return of(Status.Code.FAILED_PRECONDITION, message);
    }

    /** An injected status: its description becomes the message, or a generic one naming the code. */
    static RpcError injected(Status status) {
        String message = status.getDescription() != null
                ? status.getDescription()
                : "Injected " + status.getCode() + " from the fake Secret Manager.";
        return of(status.getCode(), message);
    }

    Status.Code code() {
        return code;
    }

    Optional<ErrorInfo> info() {
        return Optional.ofNullable(info);
    }

    /** The gRPC form: code and message in the status, the detail in the {@code grpc-status-details-bin} trailer. */
    StatusRuntimeException toStatusRuntimeException() {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(getMessage());
        info().ifPresent(detail -> status.addDetails(Any.pack(detail)));
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
