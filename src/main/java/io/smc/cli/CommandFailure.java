package io.smc.cli;

/** An error the user can act on (missing directory, broken config): exit code 1, its message and no stack trace. */
final class CommandFailure extends Exception {
    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
