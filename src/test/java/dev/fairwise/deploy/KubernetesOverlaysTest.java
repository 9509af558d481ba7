package dev.fairwise.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every object of every overlay is valid: core objects read strictly into the fabric8 model (an unknown field
 * fails), the Strimzi and CloudNativePG resources against the operators' JSON Schemas.
 */
class KubernetesOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsEitherACoreObjectOrACustomResourceWithASchema(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);

        assertThat(objects)
                .isNotEmpty()
                .allSatisfy(object -> assertThat(
                                StrictKubernetesModel.isCore(object) || CustomResourceSchemas.isCustomResource(object))
                        .as(Kustomize.id(object) + " ("
                                + object.path("apiVersion").asText() + ")")
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void coreObjectsReadStrictlyIntoTheFabric8Model(String overlay) {
        List<ObjectNode> core = Overlays.render(overlay).stream()
                .filter(StrictKubernetesModel::isCore)
                .toList();

        assertThat(core).isNotEmpty();
        core.forEach(StrictKubernetesModel::read); // throws, naming the object and the field
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void customResourcesAreValidAgainstTheOperatorsSchemas(String overlay) {
        Optional<CustomResourceSchemas> schemas = CustomResourceSchemas.load();
        assumeTrue(schemas.isPresent(), CustomResourceSchemas::missingReason);
        List<ObjectNode> custom = Overlays.render(overlay).stream()
                .filter(CustomResourceSchemas::isCustomResource)
                .toList();

        assertThat(custom).extracting(o -> o.path("kind").asText()).contains("KafkaTopic", "Cluster");
        assertThat(custom)
                .allSatisfy(object -> assertThat(schemas.get().errors(object))
                        .as(Kustomize.id(object))
                        .isEmpty());
    }
}
