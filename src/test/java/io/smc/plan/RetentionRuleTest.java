package io.smc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {
    private static StoredVersion v(long number, VersionState state) {
        return new StoredVersion(number, state, Optional.empty());
    }

    private static List<String> retired(PublishPolicy.Retention retention, long adoptedAt, StoredVersion... versions) {
        return RetentionRule.retired(retention, PlanFixtures.entry("a", "x"), List.of(versions), adoptedAt).stream()
                .map(a -> a.kind().label() + "@" + a.version()).toList();
    }

    @Test
    void countsTheVersionAboutToBeAddedAndSkipsDestroyedOnes() {
        StoredVersion[] versions = {v(1, VersionState.ENABLED), v(2, VersionState.DESTROYED),
            v(3, VersionState.DISABLED), v(4, VersionState.ENABLED)};

        assertEquals(List.of("retire@1"), retired(new PublishPolicy.Retention(2, false), 0, versions));
        assertEquals(List.of("destroy@3", "destroy@1"), retired(new PublishPolicy.Retention(2, true), 0, versions));
        assertEquals(List.of("retire@4", "retire@1"), retired(new PublishPolicy.Retention(1, false), 0, versions));
        assertEquals(List.of(), retired(new PublishPolicy.Retention(4, true), 0, versions));
    }

    @Test
    void neverTouchesVersionsFromBeforeAnAdoption() {
        assertEquals(List.of("destroy@4"), retired(new PublishPolicy.Retention(1, true), 3,
                v(1, VersionState.ENABLED), v(3, VersionState.ENABLED), v(4, VersionState.ENABLED)));
    }
}
