package io.smc.kube.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.kube.testing.ScriptedKubeApi;
import io.smc.kube.testing.ScriptedKubeApi.Call;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasesTest {
    private static final Instant ACQUIRED = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final Instant RENEWED = Instant.parse("2026-03-01T12:00:10.5Z");

    private final ScriptedKubeApi api = new ScriptedKubeApi();
    private final Leases leases = new Leases(api);

    private static LeaseRecord held(String holder, Instant renewed, int transitions, String resourceVersion) {
        return new LeaseRecord(holder, 15, ACQUIRED, renewed, transitions, resourceVersion);
    }

    @Test
    void createsALeaseAndReadsItBack() throws KubeException {
        LeaseRecord created = leases.create("smc-system", "secret-manager-controller",
                held("pod-a", RENEWED, 0, "ignored"));
        LeaseRecord read = leases.get("smc-system", "secret-manager-controller").orElseThrow();

        assertEquals(read, created);
        assertEquals(new LeaseRecord("pod-a", 15, ACQUIRED, RENEWED, 0, created.resourceVersion()), read);
        assertTrue(created.resourceVersion() != null && !created.resourceVersion().equals("ignored"));
        Call create = api.calls("create").get(0);
        assertEquals(ResourceType.LEASES, create.type());
        assertEquals("smc-system", create.namespace());
        assertFalse(create.body().at("/metadata").has("resourceVersion"));
    }

    @Test
    void writesTheLeaseInTheApiShape() {
        ObjectNode lease = held("pod-a", RENEWED, 3, "77").toLease("smc-system", "leader");

        assertEquals("coordination.k8s.io/v1", lease.path("apiVersion").asText());
        assertEquals("Lease", lease.path("kind").asText());
        assertEquals("leader", lease.at("/metadata/name").asText());
        assertEquals("smc-system", lease.at("/metadata/namespace").asText());
        assertEquals("77", lease.at("/metadata/resourceVersion").asText());
        JsonNode spec = lease.path("spec");
        assertEquals("pod-a", spec.path("holderIdentity").asText());
        assertEquals(15, spec.path("leaseDurationSeconds").intValue());
        assertEquals("2026-03-01T12:00:00.123456Z", spec.path("acquireTime").asText());
        assertEquals("2026-03-01T12:00:10.500000Z", spec.path("renewTime").asText());
        assertEquals(3, spec.path("leaseTransitions").intValue());
    }

    @Test
    void absentFieldsStayAbsent() throws KubeException {
        LeaseRecord released = new LeaseRecord(null, null, null, null, 2, null);
        JsonNode spec = released.toLease("ns", "l").path("spec");
        assertEquals(List.of("leaseTransitions"), fieldNames(spec));

        ObjectNode bare = ScriptedKubeApi.newObject(ResourceType.LEASES, "ns", "bare");
        api.put(ResourceType.LEASES, bare);
        LeaseRecord read = leases.get("ns", "bare").orElseThrow();
        assertNull(read.holderIdentity());
        assertNull(read.leaseDurationSeconds());
        assertNull(read.acquireTime());
        assertNull(read.renewTime());
        assertEquals(0, read.leaseTransitions());
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void aMissingLeaseIsEmpty() throws KubeException {
        assertTrue(leases.get("smc-system", "nobody").isEmpty());
    }

    @Test
    void otherErrorsOfGetAreThrown() {
        api.failNext("get", ScriptedKubeApi.apiError(403, ApiException.Reason.FORBIDDEN));

        ApiException error = assertThrows(ApiException.class, () -> leases.get("smc-system", "leader"));
        assertEquals(ApiException.Reason.FORBIDDEN, error.reason());
    }

    @Test
    void updatesWithTheResourceVersionItWasReadAt() throws KubeException {
        LeaseRecord created = leases.create("smc-system", "leader", held("pod-a", RENEWED, 0, null));
        Instant later = RENEWED.plusSeconds(10);
        LeaseRecord renewed = leases.update("smc-system", "leader",
                held("pod-a", later, 0, created.resourceVersion()));

        assertEquals(later, renewed.renewTime());
        assertNotEquals(created.resourceVersion(), renewed.resourceVersion());
        assertEquals(renewed, leases.get("smc-system", "leader").orElseThrow());
        assertEquals(created.resourceVersion(),
                api.calls("update").get(0).body().at("/metadata/resourceVersion").asText());
    }

    @Test
    void anUpdateFromAStaleResourceVersionIsAConflict() throws KubeException {
        LeaseRecord created = leases.create("smc-system", "leader", held("pod-a", RENEWED, 0, null));
        leases.update("smc-system", "leader", held("pod-b", RENEWED.plusSeconds(20), 1, created.resourceVersion()));

        ApiException lost = assertThrows(ApiException.class, () -> leases.update("smc-system", "leader",
                held("pod-a", RENEWED.plusSeconds(21), 0, created.resourceVersion())));
        assertEquals(ApiException.Reason.CONFLICT, lost.reason());
        assertEquals("pod-b", leases.get("smc-system", "leader").orElseThrow().holderIdentity());
    }

    @Test
    void aSecondCreateIsAlreadyExists() throws KubeException {
        leases.create("smc-system", "leader", held("pod-a", RENEWED, 0, null));

        ApiException lost = assertThrows(ApiException.class,
                () -> leases.create("smc-system", "leader", held("pod-b", RENEWED, 0, null)));
        assertEquals(ApiException.Reason.ALREADY_EXISTS, lost.reason());
    }

    @Test
    void anUpdateWithoutResourceVersionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> leases.update("smc-system", "leader", held("pod-a", RENEWED, 0, null)));
        assertEquals(List.of(), api.calls());
    }

    @Test
    void microTimeHasSixFractionDigitsInUtc() {
        assertEquals("2006-01-02T15:04:05.000000Z", MicroTime.format(Instant.parse("2006-01-02T15:04:05Z")));
        assertEquals("2006-01-02T15:04:05.123456Z",
                MicroTime.format(Instant.parse("2006-01-02T15:04:05.123456789Z")));
        assertEquals("2006-01-02T15:04:05.100000Z", MicroTime.format(Instant.parse("2006-01-02T15:04:05.1Z")));
    }

    @Test
    void microTimeRoundTripsAndReadsOtherRfc3339Forms() {
        Instant instant = Instant.parse("2026-12-31T23:59:59.999999Z");
        assertEquals(instant, MicroTime.parse(MicroTime.format(instant)));
        assertEquals(Instant.parse("2006-01-02T15:04:05Z"), MicroTime.parse("2006-01-02T15:04:05Z"));
        assertEquals(Instant.parse("2006-01-02T15:04:05.5Z"), MicroTime.parse("2006-01-02T17:04:05.5+02:00"));
        assertEquals(Instant.parse("2006-01-02T15:04:05.123456789Z"),
                MicroTime.parse("2006-01-02T15:04:05.123456789Z"));
        assertThrows(IllegalArgumentException.class, () -> MicroTime.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> MicroTime.parse("2006-01-02 15:04:05"));
    }
}
