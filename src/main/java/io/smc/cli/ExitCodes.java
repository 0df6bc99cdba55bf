package io.smc.cli;

/** Process exit codes, the same for every command. */
final class ExitCodes {
    static final int OK = 0;
    /** An error: the input, the store or this program failed; the message says which. */
    static final int FAILURE = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /** {@code plan} only: the store differs from the source (as {@code terraform plan -detailed-exitcode}). */
    static final int CHANGES_PENDING = 2;

    /** The verbs that wait ({@code reconcile}, {@code resume}): no answer in time, as timeout(1) exits. */
    static final int TIMEOUT = 124;

    private ExitCodes() {
    }
}
