package io.smc.kube.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerNamesTest {
    private static final int DNS = 2;
    private static final int IP = 7;

    @ParameterizedTest(name = "{0} {1} for {2}: {3}")
    @CsvSource({
        "dns, api.internal.example,   api.internal.example,    true",
        "dns, API.Internal.Example,   api.internal.example,    true",
        "dns, api.internal.example.,  api.internal.example,    true",
        "dns, api.internal.example,   other.internal.example,  false",
        "dns, *.internal.example,     api.internal.example,    true",
        "dns, *.internal.example,     internal.example,        false",
        "dns, *.internal.example,     a.api.internal.example,  false",
        "dns, *.internal.example,     .internal.example,       false",
        "dns, a*.internal.example,    ab.internal.example,     false",
        "dns, api.*.example,          api.internal.example,    false",
        "dns, 10.0.0.1,               10.0.0.1,                false",
        "ip,  10.0.0.1,               10.0.0.1,                true",
        "ip,  10.0.0.1,               10.0.0.2,                false",
        "ip,  0:0:0:0:0:0:0:1,        ::1,                     true",
        "ip,  10.0.0.1,               api.internal.example,    false",
    })
    void matchesSubjectAlternativeNames(String type, String alternativeName, String name, boolean expected) {
        List<List<?>> names = List.of(List.of(type.equals("dns") ? DNS : IP, alternativeName));

        assertEquals(expected, ServerNames.matches(names, name));
    }
}
