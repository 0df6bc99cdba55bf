package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void theFirstSignalStopsGracefullyAndASecondHaltsAtOnceWithTheShellsStatus() {
        List<String> stops = new ArrayList<>();
        List<Integer> halts = new ArrayList<>();
        Signals signals = new Signals(stops::add, halts::add);

        signals.received("TERM", 15);
        assertEquals(List.of("TERM"), stops);
        assertEquals(List.of(), halts);

        signals.received("INT", 2);
        assertEquals(List.of("TERM"), stops);
        assertEquals(List.of(130), halts);
    }
}
