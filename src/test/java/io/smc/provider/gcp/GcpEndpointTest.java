package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GcpEndpointTest {
    @Test
    void theEmulatorWinsThenTheConfigThenTheControllerThenTheRegion() {
        assertEquals(new GcpEndpoint("localhost:8085", true),
                GcpEndpoint.resolve("localhost:8085", "psc.example:443", "ctl.example", "europe-west1"));
        assertEquals(new GcpEndpoint("psc.example:443", false),
                GcpEndpoint.resolve(null, "psc.example:443", "ctl.example", "europe-west1"));
        assertEquals(new GcpEndpoint("ctl.example:443", false),
                GcpEndpoint.resolve("", null, "ctl.example", "europe-west1"));
        assertEquals(new GcpEndpoint("secretmanager.europe-west1.rep.googleapis.com:443", false),
                GcpEndpoint.resolve(null, null, " ", "europe-west1"));
        assertEquals(new GcpEndpoint(null, false), GcpEndpoint.resolve(null, null, null, null));
        assertEquals("secretmanager.googleapis.com:443", GcpEndpoint.resolve(null, null, null, null).toString());
    }

    @Test
    void refusesWhatIsNotHostAndPort() {
        assertThrows(IllegalArgumentException.class, () -> GcpEndpoint.resolve("http://localhost:8085", null, null,
                null));
        assertThrows(IllegalArgumentException.class, () -> GcpEndpoint.resolve(null, "a b:1", null, null));
    }

    @Test
    void transportsByName() {
        assertEquals(GcpTransport.GRPC, GcpTransport.parse(null));
        assertEquals(GcpTransport.GRPC, GcpTransport.parse("gRPC"));
        assertEquals(GcpTransport.REST, GcpTransport.parse(" rest "));
        assertEquals("unknown Secret Manager transport 'quic': grpc or rest",
                assertThrows(IllegalArgumentException.class, () -> GcpTransport.parse("quic")).getMessage());
    }
}
