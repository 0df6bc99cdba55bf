package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.metrics.MetricsRegistry;
import java.util.EnumSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TcpNoDelayTest {
    @Test
    void turnsNagleOffWhenNothingIsSet() {
        Properties properties = new Properties();

        TcpNoDelay.applyDefault(properties);

        assertEquals("true", properties.getProperty("sun.net.httpserver.nodelay"));
    }

    @Test
    void leavesAnOperatorsValueAlone() {
        Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.nodelay", "false");

        TcpNoDelay.applyDefault(properties);

        assertEquals("false", properties.getProperty("sun.net.httpserver.nodelay"));
    }

    @Test
    void aStartedServerHasSetItForTheProcess() throws Exception {
        EndpointServer server = EndpointServer.start(BindAddress.parse("127.0.0.1:0").orElseThrow(),
                EnumSet.of(Endpoint.PROBES), new MetricsRegistry(), Probes.none());
        server.stop();

        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    }
}
