package io.smc.runtime;

/**
 * Brings one object in step with its spec. The loop around it ({@link Workers}) owns everything else: keys are
 * never reconciled by two workers at once, retries and their backoff, requeues, deadlines, metrics and logging of
 * outcomes. A reconciler never sleeps or loops waiting for something; it returns a {@link Result} that says when to
 * look again.
 *
 * <p>An exception means "failed, retry with backoff", except {@link TerminalException}: "failed in a way only a
 * change to the object can fix; record it and wait for that change". A reconcile runs under a deadline; when it
 * overruns, its thread is interrupted, so blocking calls should end on interrupt.
 */
@FunctionalInterface
public interface Reconciler {
    Result reconcile(String namespace, String name) throws Exception;
}
