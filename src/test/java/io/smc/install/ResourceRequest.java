package io.smc.install;

import io.smc.runtime.ApiAccess;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request to the API server as its authorizer sees it: the verb RBAC checks (a GET is {@code get} for one object,
 * {@code list} for a collection and {@code watch} with {@code watch=1}), the group, resource and subresource, and the
 * namespace (null across namespaces). Written from the API server's request-info rules, independently of the client
 * and of the fake, so that a recorded request can be checked against the declared access.
 *
 * @param namespace null for a request across all namespaces or on a cluster-scoped resource
 * @param name      null for a collection
 */
public record ResourceRequest(String verb, String group, String resource, String subresource, String namespace,
        String name) {

    /**
     * The resource request {@code method path?query} makes; empty for a non-resource URL ({@link #isDiscovery}
     * tells whether it is one every authenticated user may read).
     *
     * @throws IllegalArgumentException for a path under {@code /api} or {@code /apis} that names no resource
     */
    public static Optional<ResourceRequest> of(String method, String rawPath, String query) {
        List<String> segments = segments(rawPath);
        List<String> rest;
        String group;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            rest = segments.subList(2, segments.size());
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            rest = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        boolean legacyWatch = rest.get(0).equals("watch");
        if (legacyWatch) {
            rest = rest.subList(1, rest.size());
        }
        String namespace = null;
        // namespaces/NAME/status and namespaces/NAME/finalize are a Namespace's subresources, not a collection.
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")
                && !(group.isEmpty() && rest.size() == 3 && List.of("status", "finalize").contains(rest.get(2)))) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || rest.size() > 3) {
            throw new IllegalArgumentException("no resource in " + rawPath);
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? rest.get(2) : "";
        String verb = switch (method) {
            case "GET", "HEAD" -> legacyWatch || isWatch(query) ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new IllegalArgumentException("no verb for " + method + " " + rawPath);
        };
        return Optional.of(new ResourceRequest(verb, group, resource, subresource, namespace, name));
    }

    /**
     * Whether a non-resource path is discovery: {@code /api}, {@code /apis} and what is under them, which the
     * built-in {@code system:discovery} ClusterRole grants to every authenticated user.
     */
    public static boolean isDiscovery(String rawPath) {
        List<String> segments = segments(rawPath);
        return !segments.isEmpty() && (segments.get(0).equals("api") || segments.get(0).equals("apis"));
    }

    /** Whether {@code access} is this request's verb on this request's resource (its scope is not looked at). */
    public boolean is(ApiAccess access) {
        return access.verb().equals(verb) && access.group().equals(group) && access.resource().equals(resource)
                && access.subresource().equals(subresource);
    }

    @Override
    public String toString() {
        return verb + " " + (subresource.isEmpty() ? resource : resource + "/" + subresource)
                + (group.isEmpty() ? "" : "." + group) + (namespace == null ? " (all namespaces)" : " in " + namespace);
    }

    private static boolean isWatch(String query) {
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? parameter : parameter.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("watch")) {
                return value.equals("1") || value.equalsIgnoreCase("true");
            }
        }
        return false;
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
