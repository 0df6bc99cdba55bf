package io.smc.provider.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the client library's exceptions. Over REST the library knows only the HTTP status, so several gRPC codes
 * arrive as one: {@code ALREADY_EXISTS} as {@code ABORTED} (409) and {@code FAILED_PRECONDITION} as
 * {@code INVALID_ARGUMENT} (400). Every test here accepts both shapes.
 */
final class GcpErrors {
    /** Worth repeating: the service was busy, over quota or unreachable; the call may have taken no effect. */
    private static final Set<StatusCode.Code> TRANSIENT = Set.of(StatusCode.Code.RESOURCE_EXHAUSTED,
            StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.ABORTED);

    /** No such secret or version. */
    static final Set<StatusCode.Code> MISSING = Set.of(StatusCode.Code.NOT_FOUND);
    /** A create that met an existing secret: {@code ALREADY_EXISTS} over gRPC, 409 {@code ABORTED} over REST. */
    static final Set<StatusCode.Code> EXISTS = Set.of(StatusCode.Code.ALREADY_EXISTS, StatusCode.Code.ABORTED);
    /**
     * A version missing, or one whose state forbids the call (reading or enabling a destroyed version):
     * {@code FAILED_PRECONDITION} over gRPC, over REST a 400, which is {@code INVALID_ARGUMENT} to the library.
     */
    static final Set<StatusCode.Code> MISSING_OR_REFUSED = Set.of(StatusCode.Code.NOT_FOUND,
            StatusCode.Code.FAILED_PRECONDITION, StatusCode.Code.INVALID_ARGUMENT);
    /** A secret missing, or an etag precondition that no longer holds (a failed precondition, or {@code ABORTED}). */
    static final Set<StatusCode.Code> MISSING_OR_STALE = Set.of(StatusCode.Code.NOT_FOUND,
            StatusCode.Code.FAILED_PRECONDITION, StatusCode.Code.INVALID_ARGUMENT, StatusCode.Code.ABORTED);

    private GcpErrors() {
    }

    static StatusCode.Code code(ApiException e) {
        return e.getStatusCode().getCode();
    }

    /**
     * A transient code, or a failure on the way: over REST a refused or broken connection arrives as
     * {@code UNKNOWN} with the {@link IOException} as its cause (gRPC says {@code UNAVAILABLE}).
     */
    static boolean transientFailure(ApiException e) {
        if (TRANSIENT.contains(code(e))) {
            return true;
        }
        if (code(e) != StatusCode.Code.UNKNOWN) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static boolean notFound(ApiException e) {
        return code(e) == StatusCode.Code.NOT_FOUND;
    }

    /** The words of a failed call for a message: the code and what the service said, which holds no values. */
    static String describe(ApiException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int cut = message.indexOf('\n');
        message = cut < 0 ? message : message.substring(0, cut);
        String codeName = code(e).name();
        if (message.startsWith(codeName + ": ")) {
            message = message.substring(codeName.length() + 2);
        }
        if (message.startsWith("io.grpc.StatusRuntimeException: ")) {
            message = message.substring("io.grpc.StatusRuntimeException: ".length());
        }
        return codeName + (message.isBlank() ? "" : " (" + message + ")");
    }

    /** The message of a permission refusal: which permission, on which project, and the roles that grant it. */
    static String permissionDenied(String permission, String project, ApiException e) {
        return "permission " + permission + " denied on project " + project + " (or the project does not exist): "
                + "grant the controller's identity a role that holds it (roles/secretmanager.admin, or "
                + roleFor(permission) + "); " + describe(e);
    }

    private static String roleFor(String permission) {
        String action = permission.substring(permission.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (action) {
            case "access" -> "roles/secretmanager.secretAccessor";
            case "add" -> "roles/secretmanager.secretVersionAdder";
            case "enable", "disable", "destroy" -> "roles/secretmanager.secretVersionManager";
            case "get", "list" -> "roles/secretmanager.viewer";
            default -> "roles/secretmanager.admin";
        };
    }
}
