package io.smc.runtime;

/**
 * What a {@link LeaderElector} tells its owner. Every callback runs on the election thread, one at a time, and an
 * exception from one is logged and otherwise ignored.
 *
 * <p>Renewal waits while a callback runs, so {@link #onStartedLeading()} must return promptly: it starts the
 * workers on their own threads. {@link #onStoppedLeading()} should return only once the workers have stopped, and
 * within {@code leaseDuration - renewDeadline}: that is the margin in which the elector guarantees no other replica
 * can have started leading.
 */
public interface LeaderCallbacks {

    /** This replica now holds the lease: start the work only a leader does. */
    void onStartedLeading();

    /**
     * This replica no longer leads (it could not renew in time, saw another holder, or was stopped): stop that work.
     * Called only after {@link #onStartedLeading()}, once for each time it was called.
     */
    void onStoppedLeading();

    /** The holder seen on the lease changed (this replica included); for logging. */
    default void onNewLeader(String identity) {
    }

    /** Callbacks from two actions, ignoring new leaders. */
    static LeaderCallbacks of(Runnable startedLeading, Runnable stoppedLeading) {
        return new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                startedLeading.run();
            }

            @Override
            public void onStoppedLeading() {
                stoppedLeading.run();
            }
        };
    }
}
