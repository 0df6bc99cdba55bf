package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of the list {@code filter} syntax the fake understands: terms joined by spaces, {@code AND} or (for
 * secrets) {@code OR}, each one of {@code labels.KEY=VALUE}, {@code labels.KEY:VALUE}, {@code labels.KEY:*} and
 * {@code name:TEXT} (a substring of the resource name) for secrets, and {@code state:STATE} or {@code state=STATE}
 * for versions; values may be quoted. The real service knows more (NOT, parentheses, dates); the fake refuses those
 * with INVALID_ARGUMENT rather than answer with a list that silently ignores them.
 */
final class ListFilter {
    private static final Pattern LABEL = Pattern.compile("labels\\.([^=:\\s]+)([=:])(.+)");
    private static final Pattern NAME = Pattern.compile("name:(.+)");
    private static final Pattern STATE = Pattern.compile("state[=:](.+)");

    private ListFilter() {
    }

    static Predicate<Secret> secrets(String filter) {
        Predicate<Secret> all = secret -> true;
        for (List<String> anyOf : disjunctions(filter)) {
            Predicate<Secret> any = secret -> false;
            for (String term : anyOf) {
                any = any.or(secretTerm(filter, term));
            }
            all = all.and(any);
        }
        return all;
    }

    /**
     * The filter as a conjunction of disjunctions: {@code OR} binds tighter than {@code AND} (or a space), as in the
     * service's filter language, so {@code a b OR c} is {@code a AND (b OR c)}.
     */
    private static List<List<String>> disjunctions(String filter) {
        List<List<String>> groups = new ArrayList<>();
        boolean joining = false;
        for (String term : terms(filter)) {
            if (term.equals("OR")) {
                if (groups.isEmpty() || joining) {
                    throw unsupported(filter, term);
                }
                joining = true;
            } else if (joining) {
                groups.get(groups.size() - 1).add(term);
                joining = false;
            } else {
                groups.add(new ArrayList<>(List.of(term)));
            }
        }
        if (joining) {
            throw unsupported(filter, "OR");
        }
        return groups;
    }

    static Predicate<SecretVersion> versions(String filter) {
        Predicate<SecretVersion> all = version -> true;
        for (String term : terms(filter)) {
            Matcher state = STATE.matcher(term);
            if (!state.matches()) {
                throw unsupported(filter, term);
            }
            SecretVersion.State wanted = parseState(filter, unquote(state.group(1)));
            all = all.and(version -> version.getState() == wanted);
        }
        return all;
    }

    private static Predicate<Secret> secretTerm(String filter, String term) {
        Matcher label = LABEL.matcher(term);
        if (label.matches()) {
            String key = label.group(1);
            String value = unquote(label.group(3));
            if (label.group(2).equals(":") && value.equals("*")) {
                return secret -> secret.containsLabels(key);
            }
            return secret -> value.equals(secret.getLabelsMap().get(key));
        }
        Matcher name = NAME.matcher(term);
        if (name.matches()) {
            String text = unquote(name.group(1));
            return secret -> secret.getName().contains(text);
        }
        throw unsupported(filter, term);
    }

    private static List<String> terms(String filter) {
        List<String> terms = new ArrayList<>();
        for (String word : filter.trim().split("\\s+")) {
            if (!word.isEmpty() && !word.equals("AND")) {
                terms.add(word);
            }
        }
        return terms;
    }

    private static SecretVersion.State parseState(String filter, String text) {
        try {
            SecretVersion.State state = SecretVersion.State.valueOf(text.toUpperCase(Locale.ROOT));
            if (state != SecretVersion.State.UNRECOGNIZED && state != SecretVersion.State.STATE_UNSPECIFIED) {
                return state;
            }
        } catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw RpcError.invalidArgument("Invalid filter '" + filter + "': unknown state '" + text + "'.");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static RpcError unsupported(String filter, String term) {
        return RpcError.invalidArgument("Invalid filter '" + filter + "': the term '" + term + "' is not "
                + "supported by the fake Secret Manager.");
    }
}
