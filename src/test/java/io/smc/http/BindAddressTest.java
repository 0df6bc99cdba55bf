package io.smc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindAddressTest {
    @ParameterizedTest(name = "{0} is host \"{1}\" port {2}")
    @CsvSource(delimiter = '|', textBlock = """
            :8080              | ''            | 8080  | :8080
            :0                 | ''            | 0     | :0
            127.0.0.1:8080     | 127.0.0.1     | 8080  | 127.0.0.1:8080
            127.0.0.1:0        | 127.0.0.1     | 0     | 127.0.0.1:0
            0.0.0.0:65535      | 0.0.0.0       | 65535 | 0.0.0.0:65535
            [::1]:8080         | ::1           | 8080  | [::1]:8080
            [::]:9443          | ::            | 9443  | [::]:9443
            [FE80::1%eth0]:80  | fe80::1%eth0  | 80    | [fe80::1%eth0]:80
            localhost:8081     | localhost     | 8081  | localhost:8081
            Metrics.Local.:1   | metrics.local. | 1    | metrics.local.:1
            """)
    void readsGoStyleAddresses(String text, String host, int port, String spelled) {
        BindAddress address = BindAddress.parse(text).orElseThrow();

        assertEquals(new BindAddress(host, port), address);
        assertEquals(spelled, address.toString());
        assertEquals(Optional.of(address), BindAddress.parse(address.toString()));
    }

    @Test
    void zeroSwitchesTheServerOff() {
        assertEquals(Optional.empty(), BindAddress.parse("0"));
    }

    @Test
    void anEmptyHostMeansEveryInterface() {
        BindAddress address = BindAddress.parse(":8080").orElseThrow();

        assertTrue(address.allInterfaces());
        assertTrue(address.socketAddress().getAddress().isAnyLocalAddress());
        assertEquals(8080, address.socketAddress().getPort());
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''               | no port
            8080             | no port
            00               | no port
            :                | no port
            127.0.0.1:       | no port
            :http            | the port must be a number from 0 to 65535, not "http"
            :65536           | the port must be a number from 0 to 65535, not "65536"
            :123456          | the port must be a number from 0 to 65535, not "123456"
            :-1              | the port must be a number from 0 to 65535, not "-1"
            :+80             | the port must be a number from 0 to 65535, not "+80"
            ::1:8080         | an IPv6 address needs brackets, as in [::1]:8080
            [::1:8080        | a bracket is not closed before the port
            [::1]8080        | a bracket is not closed before the port
            [localhost]:80   | brackets hold an IPv6 address, not "localhost"
            []:80            | brackets hold an IPv6 address, not ""
            256.1.1.1:80     | "256.1.1.1" is neither an IP address nor a host name
            1.2.3:80         | "1.2.3" is neither an IP address nor a host name
            my host:80       | "my host" is neither an IP address nor a host name
            -metrics:80      | "-metrics" is neither an IP address nor a host name
            under_score:80   | "under_score" is neither an IP address nor a host name
            """)
    void rejectsAnythingElseQuotingTheTextAndSayingWhy(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(text));

        assertEquals("bad bind address \"" + text + "\": " + why
                + "; expected [host]:port such as :8080, 127.0.0.1:8080 or [::1]:8080, or 0 to disable",
                e.getMessage());
    }

    @Test
    void rejectsNoTextAtAll() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(null));

        assertTrue(e.getMessage().startsWith("no bind address"), e.getMessage());
    }

    @Test
    void aPortOutsideTheRangeIsNotAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> new BindAddress("", 70000));
    }
}
