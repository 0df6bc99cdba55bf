package io.smc.provider.gcp;

/** The runs of the provider benchmark, in the order they happen, each with what it should cost. */
enum BenchmarkPhase {
    INITIAL_SYNC("initial sync into an empty project", "one list, then a create and an add-version per secret"),
    STEADY_STATE("steady-state resync, nothing changed", "no call at all"),
    DRIFT_CHECK("resync once the drift-check interval has passed", "one access per secret, nothing else"),
    RESTART("first resync after a restart (empty memory)", "one list and one access per secret"),
    ONE_PERCENT_CHANGED("resync with 1 % of the values changed",
            "an access and an add-version per changed secret, no read");

    private final String title;
    private final String expected;

    BenchmarkPhase(String title, String expected) {
        this.title = title;
        this.expected = expected;
    }

    String title() {
        return title;
    }

    String expected() {
        return expected;
    }
}
