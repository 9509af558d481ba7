package dev.fairwise.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders the kustomizations under {@code deploy/kubernetes/} without kustomize, so the manifests are validated
 * wherever the tests run. It knows the subset those kustomizations use and refuses anything else: resources
 * (files and directories), namespace, labels (metadata only), images, and patches that are JSON 6902 files
 * with a target. {@link KustomizeCrossCheckTest} proves it renders what {@code kubectl kustomize} renders.
 */
final class Kustomize {
    static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");

    private Kustomize() {}

    /** The objects {@code kubectl kustomize dir} would print, in the order of the resources. */
    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = readOne(dir.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: field '" + field
                        + "' is outside the subset this renderer supports " + FIELDS);
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean(false)
                    || label.path("includeTemplates").asBoolean(false)) {
                throw new IllegalArgumentException("labels: only metadata labels are supported");
            }
            label.path("pairs")
                    .fields()
                    .forEachRemaining(pair -> objects.forEach(o -> child(metadata(o), "labels")
                            .put(pair.getKey(), pair.getValue().asText())));
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(o -> setImage(o, image));
        }
        return objects;
    }

    /** Every YAML document of a file as an object (empty documents skipped). */
    static List<ObjectNode> readAll(Path file) {
        String yaml;
        try {
            yaml = java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return readAll(yaml);
    }

    /** Every YAML document of a text as an object (empty documents skipped). */
    static List<ObjectNode> readAll(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<ObjectNode> documents = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && document.isObject()) {
                    documents.add((ObjectNode) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "Kind namespace/name" of an object, how the tests name it. */
    static String id(JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").asText("");
        return object.path("kind").asText() + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + metadata.path("name").asText();
    }

    private static JsonNode readOne(Path file) {
        List<ObjectNode> documents = readAll(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> objects) {
        JsonNode target = patch.path("target");
        if (!patch.has("path") || target.isMissingNode()) {
            throw new IllegalArgumentException("patches: only 'path' with a 'target' is supported: " + patch);
        }
        target.fieldNames().forEachRemaining(field -> {
            if (!Set.of("kind", "name").contains(field)) {
                throw new IllegalArgumentException("patches: target field '" + field + "' is not supported");
            }
        });
        Path file = dir.resolve(patch.get("path").asText());
        JsonNode operations;
        try {
            operations = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!operations.isArray()) {
            throw new IllegalArgumentException(file + ": only JSON 6902 patches (a list of operations) are supported");
        }
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode object = objects.get(i);
            if (matches(target, "kind", object.path("kind")) && matches(target, "name", object.at("/metadata/name"))) {
                objects.set(i, (ObjectNode) JsonPatch.apply(operations, object));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(file + ": its target " + target + " matches no object");
        }
    }

    private static boolean matches(JsonNode target, String field, JsonNode value) {
        return !target.has(field) || target.get(field).asText().equals(value.asText());
    }

    /** kustomize's images transformer: containers whose image name (before tag or digest) equals the name. */
    private static void setImage(ObjectNode object, JsonNode image) {
        JsonNode podSpec = object.at("/spec/template/spec");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : podSpec.path(list)) {
                String current = container.path("image").asText();
                int at = current.indexOf('@');
                String withoutDigest = at >= 0 ? current.substring(0, at) : current;
                int colon = withoutDigest.lastIndexOf(':');
                boolean hasTag = colon > withoutDigest.lastIndexOf('/');
                String name = hasTag ? withoutDigest.substring(0, colon) : withoutDigest;
                if (!name.equals(image.path("name").asText())) {
                    continue;
                }
                String tag = hasTag ? withoutDigest.substring(colon) : "";
                String digest = at >= 0 ? current.substring(at) : "";
                String newName = image.path("newName").asText(name);
                if (image.has("digest")) {
                    tag = "";
                    digest = "@" + image.get("digest").asText();
                } else if (image.has("newTag")) {
                    tag = ":" + image.get("newTag").asText();
                    digest = "";
                }
                ((ObjectNode) container).put("image", newName + tag + digest);
            }
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        return child(object, "metadata");
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        if (!parent.path(field).isObject()) {
            parent.set(field, JSON.createObjectNode());
        }
        return (ObjectNode) parent.get(field);
    }
}
