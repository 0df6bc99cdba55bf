package io.smc.runtime;

/**
 * What the worker loop may log of a failed reconcile. A message may quote the input that broke a parser (a line of a
 * secrets file, a decrypted value), so only messages the project vouches for are shown: those of a
 * {@link TerminalException} and of the project's own checked exceptions ({@code io.smc.*}), whose rule is to name
 * files, fields and objects, never values. Of anything else (a JDK or library exception, or an unchecked one, which
 * may come from anywhere) only the class is shown.
 */
final class FailureSummary {
    private static final String PROJECT_PACKAGES = "io.smc.";

    private FailureSummary() {
    }

    static String of(Throwable failure) {
        String type = failure.getClass().getName();
        String message = failure.getMessage();
        return message != null && !message.isBlank() && vouchedFor(failure) ? type + ": " + message : type;
    }

    private static boolean vouchedFor(Throwable failure) {
        return failure instanceof TerminalException
                || failure instanceof Exception && !(failure instanceof RuntimeException)
                        && failure.getClass().getName().startsWith(PROJECT_PACKAGES);
    }
}
