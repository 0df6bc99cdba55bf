package io.smc.provider.gcp.fake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where secrets live: {@code projects/{p}} for global secrets, {@code projects/{p}/locations/{l}} for regional ones.
 * The project segment is kept as the request spelled it (id or number) until the model resolves it.
 *
 * @param project  the project segment as sent
 * @param location the location, or null for the global namespace
 */
record ParentPath(String project, String location) {
    private static final Pattern PARENT = Pattern.compile("projects/([^/]+)(?:/locations/([^/]+))?");

    static ParentPath parse(String field, String text) {
        Matcher matcher = PARENT.matcher(text);
        if (!matcher.matches()) {
            throw RpcError.invalidArgument("Invalid resource field value in the request: " + field + " '" + text
                    + "' is not of the form projects/*[/locations/*].");
        }
        return new ParentPath(matcher.group(1), matcher.group(2));
    }

    boolean regional() {
        return location != null;
    }
}
