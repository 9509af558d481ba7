package dev.fairwise.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairwise.kafka.TopicsConfig;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The kustomize overlays under {@code deploy/kubernetes/overlays} and the service settings they must match. */
final class Overlays {
    static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    static final List<String> NAMES = List.of("dev", "prod");

    private static final Properties APPLICATION = new Properties();

    static {
        try (Reader reader = Files.newBufferedReader(
                Path.of("src", "main", "resources", "application.properties"), StandardCharsets.UTF_8)) {
            APPLICATION.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Overlays() {}

    static Path dir(String overlay) {
        return KUBERNETES.resolve("overlays").resolve(overlay);
    }

    /** The overlay's objects, rendered in Java ({@link Kustomize}). */
    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(dir(overlay));
    }

    /** The one object of this kind and name; fails when there is none. */
    static JsonNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind)
                        && o.at("/metadata/name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in "
                        + objects.stream().map(Kustomize::id).toList()));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
    }

    /**
     * A {@code fairwise.topics.*} setting as the service sees it without a profile: application.properties, else
     * the {@code @WithDefault} of {@link TopicsConfig}.
     */
    static String topicSetting(String method, String key) {
        String value = APPLICATION.getProperty("fairwise.topics." + key);
        if (value != null) {
            return value;
        }
        try {
            return TopicsConfig.class
                    .getMethod(method)
                    .getAnnotation(WithDefault.class)
                    .value();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
