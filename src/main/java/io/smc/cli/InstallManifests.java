package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.kube.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The install tree {@code config/} as {@code kubectl kustomize config} renders it, from the copy the build puts in
 * the jar: the kustomizations' {@code resources}, {@code images} and {@code namespace} are what the tree uses, and
 * they are all this applies (any other kustomize field in the tree is refused, so a new one cannot be silently
 * left out). Objects come out in kustomize's legacy order, so an export reads like kustomize's.
 */
final class InstallManifests {
    static final String ROOT = "/io/smc/cli/install/";
    static final String DEFAULT_NAMESPACE = "flux-system";

    /** The kinds the tree holds: their REST resource, and the order kustomize's legacy sort gives them. */
    static final List<ResourceType> KINDS = List.of(
            new ResourceType("", "v1", "namespaces", "Namespace", false),
            new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
                    false),
            new ResourceType("", "v1", "serviceaccounts", "ServiceAccount", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
            new ResourceType("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
            new ResourceType("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
            new ResourceType("", "v1", "configmaps", "ConfigMap", true),
            new ResourceType("", "v1", "secrets", "Secret", true),
            new ResourceType("", "v1", "services", "Service", true),
            new ResourceType("apps", "v1", "deployments", "Deployment", true));

    private static final YAMLMapper YAML = new YAMLMapper();

    private InstallManifests() {
    }

    /** The REST resource of an object of the tree. */
    static ResourceType typeOf(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        return KINDS.stream().filter(t -> t.kind().equals(kind) && t.apiVersion().equals(apiVersion)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the install tree holds a " + apiVersion + " " + kind
                        + ", which the install command does not know"));
    }

    /** Every object of {@code config/}, in {@code namespace} (null: the tree's own, flux-system). */
    static List<ObjectNode> render(String namespace) {
        List<ObjectNode> objects = new ArrayList<>();
        String treeNamespace = build("", objects);
        String target = namespace != null ? namespace : treeNamespace;
        if (target != null) {
            objects.forEach(object -> setNamespace(object, target));
        }
        objects.sort(Comparator.comparingInt((ObjectNode o) -> KINDS.indexOf(typeOf(o)))
                .thenComparing(o -> o.path("metadata").path("name").asText()));
        return objects;
    }

    /** The objects as one YAML stream, each document starting with {@code ---}. */
    static String export(List<ObjectNode> objects) {
        YAMLMapper writer = new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
        StringBuilder text = new StringBuilder();
        for (ObjectNode object : objects) {
            try {
                text.append(writer.writeValueAsString(object));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    /** Adds the objects of the kustomization in {@code dir} (with its images set); returns its namespace. */
    private static String build(String dir, List<ObjectNode> objects) {
        JsonNode kustomization = read(dir + "kustomization.yaml").get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!List.of("apiVersion", "kind", "namespace", "resources", "images").contains(field)) {
                throw new IllegalStateException(dir + "kustomization.yaml uses '" + field + "', which the install "
                        + "command does not apply");
            }
        });
        List<ObjectNode> here = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            String path = resource.asText();
            if (path.endsWith(".yaml") || path.endsWith(".yml")) {
                read(dir + path).forEach(object -> here.add((ObjectNode) object));
            } else {
                String namespace = build(dir + path + "/", here);
                if (namespace != null) {
                    here.forEach(object -> setNamespace(object, namespace));
                }
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            here.forEach(object -> setImage(object, image));
        }
        objects.addAll(here);
        return kustomization.hasNonNull("namespace") ? kustomization.path("namespace").asText() : null;
    }

    /** As kustomize's namespace transformer: namespaced objects, and the ServiceAccount subjects of bindings. */
    private static void setNamespace(ObjectNode object, String namespace) {
        if (typeOf(object).namespaced()) {
            ((ObjectNode) object.path("metadata")).put("namespace", namespace);
        }
        for (JsonNode subject : object.path("subjects")) {
            if (subject.path("kind").asText().equals("ServiceAccount")) {
                ((ObjectNode) subject).put("namespace", namespace);
            }
        }
    }

    /** As kustomize's images transformer: {@code name} becomes {@code newName:newTag} in every container. */
    private static void setImage(ObjectNode object, JsonNode image) {
        JsonNode pod = object.path("spec").path("template").path("spec");
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                String current = container.path("image").asText();
                String name = current.replaceAll("[:@].*$", "");
                if (name.equals(image.path("name").asText())) {
                    String newName = image.path("newName").asText(name);
                    String tag = image.hasNonNull("newTag") ? ":" + image.path("newTag").asText()
                            : current.substring(name.length());
                    ((ObjectNode) container).put("image", newName + tag);
                }
            }
        }
    }

    private static List<JsonNode> read(String path) {
        try (InputStream in = InstallManifests.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("the install tree's " + path + " is not in the jar");
            }
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
                while (it.hasNext()) {
                    JsonNode document = it.next();
                    if (document != null && document.isObject() && !document.isEmpty()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("the install tree's " + path + " cannot be read", e);
        }
    }
}
