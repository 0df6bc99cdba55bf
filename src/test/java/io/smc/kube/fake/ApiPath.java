package io.smc.kube.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path split the way the API server routes it, for any group, version and plural: the fake knows no
 * kinds, so every collection is stored under its path prefix.
 *
 * @param prefix      {@code /api/v1} or {@code /apis/group/version}
 * @param group       empty for the core group
 * @param namespace   null for cluster-scoped collections and for lists across namespaces
 * @param plural      the resource
 * @param name        null for the collection
 * @param subresource {@code status}, or null
 */
record ApiPath(String prefix, String group, String namespace, String plural, String name, String subresource) {

    static Optional<ApiPath> parse(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        String prefix;
        String group;
        List<String> rest;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            prefix = "/api/" + segments.get(1);
            group = "";
            rest = segments.subList(2, segments.size());
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            prefix = "/apis/" + segments.get(1) + "/" + segments.get(2);
            group = segments.get(1);
            rest = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        // namespaces/{name}/status is the Namespace's own subresource, not a collection called "status".
        boolean inNamespace = rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")));
        if (inNamespace) {
            return rest.size() > 5 ? Optional.empty() : Optional.of(new ApiPath(prefix, group, rest.get(1),
                    rest.get(2), at(rest, 3), at(rest, 4)));
        }
        return rest.size() > 3 ? Optional.empty() : Optional.of(new ApiPath(prefix, group, null, rest.get(0),
                at(rest, 1), at(rest, 2)));
    }

    /** Where this path's objects are stored, whatever namespace. */
    String collection() {
        return prefix + "/" + plural;
    }

    /** The API version objects of this collection carry. */
    String apiVersion() {
        return prefix.startsWith("/api/") ? prefix.substring("/api/".length()) : prefix.substring("/apis/".length());
    }

    /** {@code plural.group}, as the API server names resources in messages. */
    String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    private static String at(List<String> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }
}
