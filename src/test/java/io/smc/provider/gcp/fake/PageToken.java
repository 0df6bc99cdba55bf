package io.smc.provider.gcp.fake;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page tokens: the position after the last item of the page, wrapped so clients treat it as opaque. Keying on the
 * last item rather than an offset keeps later pages right when items are added or deleted between pages.
 */
final class PageToken {
    private static final String PREFIX = "after:";

    private PageToken() {
    }

    static String after(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key a token continues after, or null for the first page. */
    static String position(String token) {
        if (token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below, as for any token this fake did not make
        }
        throw RpcError.invalidArgument("Invalid page token: '" + token + "'.");
    }

    /** The page size asked for, with the service's default and cap: 0 means the most, more than that is capped. */
    static int pageSize(int requested) {
        if (requested < 0) {
            throw RpcError.invalidArgument("page_size must not be negative, got " + requested + ".");
        }
        int max = 25_000;
        return requested == 0 ? max : Math.min(requested, max);
    }
}
