package io.smc.provider.gcp.fake;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;

/**
 * The exception the client library throws for a code, which depends on the transport: over gRPC the status code
 * travels as is, over REST the client maps back from the HTTP status alone (it does not read the JSON error's
 * {@code status}), so codes that share a status collapse: ALREADY_EXISTS arrives as ABORTED (409) and
 * FAILED_PRECONDITION, stale etags included, as INVALID_ARGUMENT (400).
 */
final class ClientErrors {
    private ClientErrors() {
    }

    static Class<? extends ApiException> alreadyExists(Protocol protocol) {
        return protocol == Protocol.GRPC ? AlreadyExistsException.class : AbortedException.class;
    }

    static Class<? extends ApiException> failedPrecondition(Protocol protocol) {
        return protocol == Protocol.GRPC ? FailedPreconditionException.class : InvalidArgumentException.class;
    }

    /**
     * The fake's message, wherever the client put it: in the exception's message over gRPC; over REST the message is
     * the HTTP reason phrase ("Bad Request") and the JSON error body is in the cause's message.
     */
    static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
