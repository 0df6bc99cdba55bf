package io.smc.provider.gcp.fake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version's resource name as a request spelled it; the version is a number or the alias {@code latest}.
 */
record VersionPath(SecretPath secret, String version) {
    static final String LATEST = "latest";
    private static final Pattern VERSION = Pattern.compile("(.+/secrets/[^/]+)/versions/([^/]+)");

    static VersionPath parse(String field, String text) {
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.matches()) {
            throw RpcError.invalidArgument("Invalid resource field value in the request: " + field + " '" + text
                    + "' is not of the form projects/*[/locations/*]/secrets/*/versions/*.");
        }
        return new VersionPath(SecretPath.parse(field, matcher.group(1)), matcher.group(2));
    }
}
