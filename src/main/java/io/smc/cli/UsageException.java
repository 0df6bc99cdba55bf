package io.smc.cli;

/** A command line that cannot be run as given: exit code 2, with a pointer to {@code --help}. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
