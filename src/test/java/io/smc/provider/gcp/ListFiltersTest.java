package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smc.provider.SecretSelection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListFiltersTest {

    @Test
    void joinsQuotedNamesAndTheLabelWithOrOnly() {
        SecretSelection selection = SecretSelection.named(Set.of("db-password", "api_key"))
                .orLabelled("smc-name", "web");

        assertEquals(Optional.of("name:\"api_key\" OR name:\"db-password\" OR labels.smc-name=\"web\""),
                ListFilters.of(selection));
        assertEquals(Optional.of("labels.smc-name=\"web\""),
                ListFilters.of(SecretSelection.named(Set.of()).orLabelled("smc-name", "web")));
    }

    @Test
    void aSelectionTooLongToSendIsNotFiltered() {
        Set<String> names = IntStream.range(0, 400).mapToObj(i -> "secret-" + i).collect(Collectors.toSet());

        assertEquals(Optional.empty(), ListFilters.of(SecretSelection.named(names)));
    }
}
