package io.smc.provider.gcp;

import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Origin;
import io.smc.secrets.SecretValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's desired state, built in memory as a revision of one service would yield it: no files to read, so
 * the figures are the provider's alone.
 */
final class BenchmarkSecrets {
    private static final String SERVICE = "bench";

    private BenchmarkSecrets() {
    }

    /** {@code count} secrets named so that they sort as they are numbered, each with a value of its own. */
    static DesiredState initial(int count) {
        int digits = Integer.toString(count - 1).length();
        List<DesiredSecret> secrets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = SERVICE + "-secret-" + "0".repeat(digits - Integer.toString(i).length()) + i;
            secrets.add(new DesiredSecret(name, SERVICE, "SECRET_" + i, value(i, 0), false,
                    new Origin(SERVICE + "/application.secrets.env", i + 1)));
        }
        return new DesiredState(secrets, List.of(), List.of(), 1);
    }

    /** The same secrets with a new value for every {@code every}-th one, the first included. */
    static DesiredState changingEvery(DesiredState state, int every) {
        List<DesiredSecret> secrets = new ArrayList<>(state.secrets());
        for (int i = 0; i < secrets.size(); i += every) {
            DesiredSecret old = secrets.get(i);
            secrets.set(i, new DesiredSecret(old.name(), old.service(), old.key(), value(i, 1), old.disabled(),
                    old.origin()));
        }
        return new DesiredState(secrets, state.problems(), state.notes(), state.services());
    }

    /** How many secrets {@link #changingEvery} changes. */
    static int changedBy(int count, int every) {
        return (count + every - 1) / every;
    }

    // About the size of a generated password or API token.
    private static SecretValue value(int index, int generation) {
        return SecretValue.ofUtf8(String.format("bench-value-%08d-generation-%d-%s", index, generation,
                "x".repeat(24)));
    }
}
