package io.smc.provider.gcp;

import io.smc.provider.SecretSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SecretSelection} as a ListSecrets filter: {@code name:"a" OR name:"b" OR labels.KEY="VALUE"}. Only
 * {@code OR} is used, so the filter means the same whatever precedence the service gives {@code AND}; {@code name:}
 * matches a substring of the resource name, so the answer may hold more than the selection and the caller narrows
 * it. Names and label values are quoted ({@code -} would otherwise read as negation); neither can hold a quote.
 */
final class ListFilters {
    /**
     * Longer filters are not sent: a request line of many kilobytes risks a refusal, and a selection that large
     * narrows the listing too little to be worth the risk.
     */
    static final int MAX_LENGTH = 4_000;

    private ListFilters() {
    }

    /**
     * The filter of a selection that is not empty, or empty when it is too large to filter (the whole listing then
     * costs the same one read).
     */
    static Optional<String> of(SecretSelection selection) {
        List<String> terms = new ArrayList<>();
        selection.names().forEach(name -> terms.add("name:\"" + name + "\""));
        if (selection.labelKey() != null) {
            terms.add("labels." + selection.labelKey() + "=\"" + selection.labelValue() + "\"");
        }
        String filter = String.join(" OR ", terms);
        return filter.length() <= MAX_LENGTH ? Optional.of(filter) : Optional.empty();
    }
}
