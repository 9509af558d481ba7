package dev.fairwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java renderer ({@link Kustomize}) renders each overlay into exactly the objects {@code kubectl kustomize}
 * renders, so the validation that runs everywhere validates what a cluster would receive. Skipped where kubectl is
 * not on the PATH.
 */
class KustomizeCrossCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void javaRenderingEqualsKubectlKustomize(String overlay) throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        assumeTrue(kubectl.isPresent(), "kubectl is not on the PATH; the Java rendering was not cross-checked");

        Process process = new ProcessBuilder(
                        kubectl.get().toString(),
                        "kustomize",
                        Overlays.dir(overlay).toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        Map<String, JsonNode> kubectlObjects = byId(Kustomize.readAll(output));
        Map<String, JsonNode> javaObjects = byId(Overlays.render(overlay));
        assertThat(javaObjects.keySet()).containsExactlyElementsOf(kubectlObjects.keySet());
        javaObjects.forEach((id, object) -> assertThat(object).as(id).isEqualTo(kubectlObjects.get(id)));
    }

    private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
        Map<String, JsonNode> byId = new TreeMap<>();
        objects.forEach(object -> assertThat(byId.put(Kustomize.id(object), object))
                .as("duplicate " + Kustomize.id(object))
                .isNull());
        return byId;
    }

    static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
