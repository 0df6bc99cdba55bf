package io.smc.kube.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An API URI: the server's base (which may carry a path prefix, as behind Rancher or a proxy), an API path, and
 * query parameters in the order added. Null values are left out, so optional parameters need no branches.
 */
final class UriBuilder {
    private final String base;
    private final StringBuilder query = new StringBuilder();
    private String path = "";

    private UriBuilder(URI server) {
        String text = server.toString();
        int cut = text.length();
        while (cut > 0 && text.charAt(cut - 1) == '/') {
            cut--;
        }
        this.base = text.substring(0, cut);
    }

    static UriBuilder of(URI server) {
        return new UriBuilder(server);
    }

    /** The already-encoded API path, as {@link io.smc.kube.ResourceType#path} gives it. */
    UriBuilder path(String apiPath) {
        this.path = apiPath;
        return this;
    }

    UriBuilder query(String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(value));
        }
        return this;
    }

    URI build() {
        return URI.create(base + path + query);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
