package dev.fairwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validators and the renderer reject what is wrong, so a passing {@link KubernetesOverlaysTest} means something. */
class ManifestValidationTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: fairwise
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: fairwise
              template:
                metadata:
                  labels:
                    app: fairwise
                spec:
                  containers:
                    - name: fairwise
                      image: fairwise/fairwise:1
            """;

    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata:
              name: t
              labels:
                strimzi.io/cluster: fairwise-kafka
            spec:
              partitions: 3
              replicas: 3
            """;

    @Test
    void aWellFormedDeploymentIsAccepted() {
        assertThat(StrictKubernetesModel.read(yaml(DEPLOYMENT))).isNotNull();
    }

    @Test
    void aMisspelledTopLevelSpecFieldIsRejectedByName() {
        JsonNode deployment = yaml(DEPLOYMENT.replace("  replicas: 3", "  replica: 3"));

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .hasMessageContaining("Deployment fairwise")
                .hasMessageContaining("spec.replica]");
    }

    @Test
    void aMisspelledFieldDeepInThePodTemplateIsRejectedWithItsPath() {
        JsonNode deployment = yaml(DEPLOYMENT.replace("containers:", "contianers:"));

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .hasMessageContaining("spec.template.spec.contianers");
    }

    @Test
    void aKindWithoutAModelClassIsRejectedRatherThanPassed() {
        JsonNode job = yaml("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n");

        assertThatThrownBy(() -> StrictKubernetesModel.read(job))
                .hasMessageContaining("no model class for 'batch/v1 Job'");
    }

    @Test
    void aKafkaTopicWithAStringForPartitionsFailsItsSchema() {
        CustomResourceSchemas schemas = schemas();

        assertThat(schemas.errors(yaml(TOPIC))).isEmpty();
        assertThat(schemas.errors(yaml(TOPIC.replace("partitions: 3", "partitions: \"three\""))))
                .anySatisfy(error -> assertThat(error).contains("partitions"));
    }

    @Test
    void aKafkaTopicWithAnUnknownSpecFieldFailsItsSchema() {
        assertThat(schemas().errors(yaml(TOPIC.replace("replicas: 3", "replicaz: 3"))))
                .anySatisfy(error -> assertThat(error).contains("replicaz"));
    }

    @Test
    void theRendererRefusesKustomizeFeaturesItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("'commonLabels'");
    }

    @Test
    void theRendererRefusesAPatchWhoseTargetMatchesNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.yaml"), DEPLOYMENT);
        Files.writeString(dir.resolve("p.yaml"), "- op: replace\n  path: /spec/replicas\n  value: 1\n");
        Files.writeString(
                dir.resolve("kustomization.yaml"),
                "resources: [d.yaml]\npatches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n      name: other\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches no object");
    }

    private static CustomResourceSchemas schemas() {
        Optional<CustomResourceSchemas> schemas = CustomResourceSchemas.load();
        assumeTrue(schemas.isPresent(), CustomResourceSchemas::missingReason);
        return schemas.get();
    }

    private static ObjectNode yaml(String text) {
        return Kustomize.readAll(text).get(0);
    }
}
