package io.smc.provider.gcp.fake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A secret's resource name as a request spelled it: {@code projects/{p}[/locations/{l}]/secrets/{s}}. */
record SecretPath(ParentPath parent, String secretId) {
    private static final Pattern SECRET = Pattern.compile("(projects/[^/]+(?:/locations/[^/]+)?)/secrets/([^/]+)");

    static SecretPath parse(String field, String text) {
        Matcher matcher = SECRET.matcher(text);
        if (!matcher.matches()) {
            throw RpcError.invalidArgument("Invalid resource field value in the request: " + field + " '" + text
                    + "' is not of the form projects/*[/locations/*]/secrets/*.");
        }
        return new SecretPath(ParentPath.parse(field, matcher.group(1)), matcher.group(2));
    }
}
