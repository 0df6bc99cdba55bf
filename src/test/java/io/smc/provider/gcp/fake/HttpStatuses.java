package io.smc.provider.gcp.fake;

import io.grpc.Status;

/**
 * The HTTP status Google APIs answer for each canonical code (google/rpc/code.proto). Several codes share one
 * status, and the Java REST client maps back by status alone, so ALREADY_EXISTS comes back as ABORTED (409) and
 * FAILED_PRECONDITION as INVALID_ARGUMENT (400).
 */
final class HttpStatuses {
    private HttpStatuses() {
    }

    static int of(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case CANCELLED -> 499;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case PERMISSION_DENIED -> 403;
            case UNAUTHENTICATED -> 401;
            case RESOURCE_EXHAUSTED -> 429;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }
}
