package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.smc.metrics.MetricsRegistry;
import java.util.EnumSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RequestTimeoutsTest {
    @Test
    void boundsTheRequestAndTheAnswerWhenNothingIsSet() {
        Properties properties = new Properties();

        RequestTimeouts.applyDefaults(properties);

        assertEquals("10", properties.getProperty("sun.net.httpserver.maxReqTime"));
        assertEquals("30", properties.getProperty("sun.net.httpserver.maxRspTime"));
    }

    @Test
    void leavesAnOperatorsValuesAlone() {
        Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.maxReqTime", "3");
        properties.setProperty("sun.net.httpserver.maxRspTime", "-1");

        RequestTimeouts.applyDefaults(properties);

        assertEquals("3", properties.getProperty("sun.net.httpserver.maxReqTime"));
        assertEquals("-1", properties.getProperty("sun.net.httpserver.maxRspTime"));
    }

    @Test
    void aStartedServerHasSetThemForTheProcess() throws Exception {
        EndpointServer server = EndpointServer.start(BindAddress.parse("127.0.0.1:0").orElseThrow(),
                EnumSet.of(Endpoint.PROBES), new MetricsRegistry(), Probes.none());
        server.stop();

        // Nothing else in the build sets them, so they can only come from the server's start.
        assertNotNull(System.getProperty("sun.net.httpserver.maxReqTime"));
        assertNotNull(System.getProperty("sun.net.httpserver.maxRspTime"));
    }
}
