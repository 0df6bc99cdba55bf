package io.smc.kube.testing;

import io.smc.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each requested delay and returns at once. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
