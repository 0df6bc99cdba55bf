package io.smc.kube.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.kube.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one kubeconfig file into a {@link KubeConfig}, checking each field's type as kubectl's decoder does (a
 * malformed field anywhere makes the whole file unusable) and resolving relative paths against the file's
 * directory. Whether the selected entries make sense together is for {@link ContextConnection} to judge.
 */
final class KubeConfigFile {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Parser messages may quote the text they stumbled on, which may be a token: quoted parts are cut. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private final Path file;
    private final Path directory;

    private KubeConfigFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.directory = this.file.getParent();
    }

    static KubeConfig read(Path file) throws ConfigException {
        KubeConfigFile reader = new KubeConfigFile(file);
        byte[] content;
        try {
            content = Files.readAllBytes(reader.file);
        } catch (IOException e) {
            throw new ConfigException(reader.file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw reader.malformed(e);
        } catch (IOException e) {
            throw new ConfigException(reader.file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        return reader.parse(root);
    }

    private KubeConfig parse(JsonNode root) throws ConfigException {
        Location top = Location.of(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new KubeConfig(Map.of(), Map.of(), Map.of(), null, List.of(file)); // an empty file is allowed
        }
        if (!root.isObject()) {
            throw top.problem("is not a kubeconfig: the top level must be a mapping");
        }
        Map<String, KubeConfig.Cluster> clusters = new LinkedHashMap<>();
        for (Named entry : named(root, "clusters", "cluster")) {
            clusters.put(entry.name, cluster(entry));
        }
        Map<String, KubeConfig.User> users = new LinkedHashMap<>();
        for (Named entry : named(root, "users", "user")) {
            users.put(entry.name, user(entry));
        }
        Map<String, KubeConfig.Context> contexts = new LinkedHashMap<>();
        for (Named entry : named(root, "contexts", "context")) {
            contexts.put(entry.name, context(entry));
        }
        String current = string(root, "current-context", new Location(file, "current-context"));
        return new KubeConfig(clusters, users, contexts, current, List.of(file));
    }

    /** One item of {@code clusters}, {@code users} or {@code contexts}: its name and its body. */
    private record Named(String name, JsonNode body, Location at) {
    }

    private List<Named> named(JsonNode root, String list, String bodyField) throws ConfigException {
        Location at = new Location(file, list);
        JsonNode items = root.get(list);
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw at.problem("must be a list");
        }
        List<Named> named = new ArrayList<>();
        Map<String, Location> seen = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Location item = at.index(i);
            if (!items.get(i).isObject()) {
                throw item.problem("must be a mapping with name and " + bodyField);
            }
            String name = string(items.get(i), "name", item.field("name"));
            if (name == null || name.isEmpty()) {
                throw item.field("name").problem("missing");
            }
            Location earlier = seen.putIfAbsent(name, item);
            if (earlier != null) {
                throw item.field("name").problem("'" + name + "' is defined twice in this file (also "
                        + earlier.path() + ")");
            }
            Location bodyAt = item.field(bodyField);
            JsonNode body = items.get(i).get(bodyField);
            if (body == null || body.isNull()) {
                throw bodyAt.problem("missing");
            }
            if (!body.isObject()) {
                throw bodyAt.problem("must be a mapping");
            }
            named.add(new Named(name, body, bodyAt));
        }
        return named;
    }

    private KubeConfig.Cluster cluster(Named entry) throws ConfigException {
        JsonNode body = entry.body;
        Location at = entry.at;
        return new KubeConfig.Cluster(entry.name, at,
                string(body, "server", at.field("server")),
                path(body, "certificate-authority", at),
                base64(body, "certificate-authority-data", at),
                bool(body, "insecure-skip-tls-verify", at),
                string(body, "tls-server-name", at.field("tls-server-name")),
                string(body, "proxy-url", at.field("proxy-url")));
    }

    private KubeConfig.User user(Named entry) throws ConfigException {
        JsonNode body = entry.body;
        Location at = entry.at;
        JsonNode authProvider = object(body, "auth-provider", at);
        String provider = authProvider == null ? null
                : orEmpty(string(authProvider, "name", at.field("auth-provider").field("name")));
        JsonNode exec = object(body, "exec", at);
        return new KubeConfig.User(entry.name, at,
                path(body, "client-certificate", at),
                base64(body, "client-certificate-data", at),
                path(body, "client-key", at),
                base64(body, "client-key-data", at),
                string(body, "token", at.field("token")),
                path(body, "tokenFile", at),
                exec == null ? null : exec(exec, at.field("exec")),
                provider,
                body.hasNonNull("username") || body.hasNonNull("password"),
                body.hasNonNull("as") || body.hasNonNull("as-groups") || body.hasNonNull("as-uid")
                        || body.hasNonNull("as-user-extra"));
    }

    private KubeConfig.Context context(Named entry) throws ConfigException {
        JsonNode body = entry.body;
        Location at = entry.at;
        return new KubeConfig.Context(entry.name, at,
                emptyAsNull(string(body, "cluster", at.field("cluster"))),
                emptyAsNull(string(body, "user", at.field("user"))),
                emptyAsNull(string(body, "namespace", at.field("namespace"))));
    }

    private KubeConfig.ExecConfig exec(JsonNode body, Location at) throws ConfigException {
        String command = string(body, "command", at.field("command"));
        if (command == null || command.isEmpty()) {
            throw at.field("command").problem("missing");
        }
        if (command.contains("/") && !Path.of(command).isAbsolute()) {
            command = directory.resolve(command).normalize().toString(); // kubectl: relative to the kubeconfig
        }
        List<String> args = new ArrayList<>();
        JsonNode argList = list(body, "args", at);
        for (int i = 0; i < argList.size(); i++) {
            args.add(scalar(argList.get(i), at.field("args").index(i)));
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envList = list(body, "env", at);
        for (int i = 0; i < envList.size(); i++) {
            Location item = at.field("env").index(i);
            if (!envList.get(i).isObject()) {
                throw item.problem("must be a mapping with name and value");
            }
            String name = string(envList.get(i), "name", item.field("name"));
            if (name == null || name.isEmpty()) {
                throw item.field("name").problem("missing");
            }
            env.put(name, orEmpty(string(envList.get(i), "value", item.field("value"))));
        }
        return new KubeConfig.ExecConfig(at, command, args, env,
                orEmpty(string(body, "apiVersion", at.field("apiVersion"))),
                emptyAsNull(string(body, "interactiveMode", at.field("interactiveMode"))),
                bool(body, "provideClusterInfo", at),
                string(body, "installHint", at.field("installHint")));
    }

    private static String string(JsonNode parent, String field, Location at) throws ConfigException {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : scalar(value, at);
    }

    private static String scalar(JsonNode value, Location at) throws ConfigException {
        if (!value.isTextual()) {
            throw at.problem("must be a string" + (value.isValueNode() ? " (quote it)" : ""));
        }
        return value.textValue();
    }

    private static boolean bool(JsonNode parent, String field, Location at) throws ConfigException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw at.field(field).problem("must be true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode object(JsonNode parent, String field, Location at) throws ConfigException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw at.field(field).problem("must be a mapping");
        }
        return value;
    }

    private static JsonNode list(JsonNode parent, String field, Location at) throws ConfigException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return YAML.createArrayNode();
        }
        if (!value.isArray()) {
            throw at.field(field).problem("must be a list");
        }
        return value;
    }

    private Path path(JsonNode parent, String field, Location at) throws ConfigException {
        String value = emptyAsNull(string(parent, field, at.field(field)));
        return value == null ? null : directory.resolve(value).normalize();
    }

    /** Base64 as Go decodes a JSON {@code []byte}: the standard alphabet, line breaks allowed, nothing else. */
    private static byte[] base64(JsonNode parent, String field, Location at) throws ConfigException {
        String value = emptyAsNull(string(parent, field, at.field(field)));
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw at.field(field).problem("not valid base64"); // the decoder's message quotes a character
        }
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private ConfigException malformed(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        String summary = QUOTED.matcher(original.lines().findFirst().orElse("")).replaceAll("…").strip();
        if (summary.length() > 120) {
            summary = summary.substring(0, 120) + "…";
        }
        return new ConfigException(file + ": not valid YAML" + where + (summary.isEmpty() ? "" : ": " + summary));
    }
}
