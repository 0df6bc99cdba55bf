package io.smc.install;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smc.runtime.ApiAccess;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What RBAC rules grant, one (group, resource, verb) per line, so that a Role and the controller's declared access
 * can be compared as sets. Wildcards, resourceNames and nonResourceURLs are refused outright: each would grant more
 * than a list of accesses can say, and the controller needs none of them.
 */
final class Grants {
    private Grants() {
    }

    /** A single grant: {@code patch secretmanagerconfigs/status in secret-management.microscaler.io}. */
    record Grant(String group, String resource, String verb) implements Comparable<Grant> {
        static Grant of(ApiAccess access) {
            return new Grant(access.group(), access.rbacResource(), access.verb());
        }

        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return verb + " " + resource + " in '" + group + "'";
        }
    }

    /** Every grant of a Role's or ClusterRole's rules. */
    static Set<Grant> of(JsonNode role) {
        String name = role.path("kind").asText() + " " + role.path("metadata").path("name").asText();
        Set<Grant> grants = new TreeSet<>();
        assertTrue(role.path("rules").isArray() && !role.path("rules").isEmpty(), name + " has rules");
        for (JsonNode rule : role.path("rules")) {
            assertFalse(rule.has("resourceNames"), name + ": no rule is limited to names: " + rule);
            assertFalse(rule.has("nonResourceURLs"), name + ": discovery is system:discovery's: " + rule);
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        for (String part : new String[] {group.asText(), resource.asText(), verb.asText()}) {
                            assertFalse(part.contains("*"), name + " grants a wildcard: " + rule);
                        }
                        assertTrue(ApiAccess.VERBS.contains(verb.asText()), name + ": unknown verb in " + rule);
                        grants.add(new Grant(group.asText(), resource.asText(), verb.asText()));
                    }
                }
            }
        }
        return grants;
    }

    /** Fails, naming the differences both ways, unless {@code role} grants exactly what {@code declared} calls for. */
    static void assertGrantsExactly(Collection<ApiAccess> declared, JsonNode role) {
        Set<Grant> wanted = declared(declared);
        Set<Grant> granted = of(role);
        Set<Grant> missing = new TreeSet<>(wanted);
        missing.removeAll(granted);
        Set<Grant> extra = new TreeSet<>(granted);
        extra.removeAll(wanted);
        assertTrue(missing.isEmpty() && extra.isEmpty(), role.path("kind").asText() + " "
                + role.path("metadata").path("name").asText() + " in " + role.path("metadata").path("namespace")
                + ": declared but not granted " + missing + "; granted but not declared " + extra);
    }

    /** The grants the declared accesses call for. */
    static Set<Grant> declared(Collection<ApiAccess> accesses) {
        Set<Grant> grants = new TreeSet<>();
        accesses.forEach(access -> grants.add(Grant.of(access)));
        return grants;
    }
}
