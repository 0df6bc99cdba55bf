package io.smc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the electors of one test told their owners, in one order across them ({@code "a started"},
 * {@code "b stopped"}, {@code "a sees b"}), and the most replicas that led at once.
 */
final class LeadershipEvents {
    private final List<String> events = new ArrayList<>();
    private int leading;
    private int mostAtOnce;

    LeaderCallbacks callbacks(String replica) {
        return callbacks(replica, event -> { });
    }

    /** @param observer runs inside each callback, after the event is recorded, on the election thread */
    LeaderCallbacks callbacks(String replica, Consumer<String> observer) {
        return new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                synchronized (LeadershipEvents.this) {
                    leading++;
                    mostAtOnce = Math.max(mostAtOnce, leading);
                }
                record(replica + " started", observer);
            }

            @Override
            public void onStoppedLeading() {
                synchronized (LeadershipEvents.this) {
                    leading--;
                }
                record(replica + " stopped", observer);
            }

            @Override
            public void onNewLeader(String identity) {
                record(replica + " sees " + identity, observer);
            }
        };
    }

    private void record(String event, Consumer<String> observer) {
        synchronized (this) {
            events.add(event);
        }
        observer.accept(event);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Whether the replica's last start or stop was a start, its callback done. */
    synchronized boolean leadingNow(String replica) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).equals(replica + " started")) {
                return true;
            }
            if (events.get(i).equals(replica + " stopped")) {
                return false;
            }
        }
        return false;
    }

    synchronized int mostAtOnce() {
        return mostAtOnce;
    }

    synchronized boolean contains(String event) {
        return events.contains(event);
    }

    /** Where {@code event} first happened; fails the test when it did not. */
    synchronized int indexOf(String event) {
        int index = events.indexOf(event);
        if (index < 0) {
            throw new AssertionError("no event " + event + " in " + events);
        }
        return index;
    }
}
