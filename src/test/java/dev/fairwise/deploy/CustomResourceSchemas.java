package dev.fairwise.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Schemas of the operators' custom resources (Strimzi {@code KafkaTopic}, CloudNativePG
 * {@code Cluster}), converted from their CRDs and kept outside the repository, in {@code ../shared/schemas/kubernetes}
 * by default. The system property {@value #PROPERTY} or the environment variable {@value #ENV} names another
 * directory.
 */
final class CustomResourceSchemas {
    static final String PROPERTY = "fairwise.k8s-schemas";
    static final String ENV = "FAIRWISE_K8S_SCHEMAS";
    static final Path DEFAULT_DIR = Path.of("..", "shared", "schemas", "kubernetes");

    /** Schema file per "apiVersion kind": the catalog's naming, group_kind_version. */
    static final Map<String, String> FILES = Map.of(
            "kafka.strimzi.io/v1 KafkaTopic", "kafka.strimzi.io_kafkatopic_v1.json",
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io_cluster_v1.json");

    private final Map<String, Schema> schemas = new HashMap<>();

    private CustomResourceSchemas(Path dir) {
        Map<String, String> byUri = new HashMap<>();
        FILES.values().forEach(file -> byUri.put(uri(file), read(dir.resolve(file))));
        // The files carry no $schema: the CRDs' openAPIV3Schema is a draft-4 dialect.
        SchemaRegistry registry =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> builder.schemas(byUri));
        FILES.forEach((type, file) -> {
            Schema schema = registry.getSchema(SchemaLocation.of(uri(file)));
            schema.initializeValidators();
            schemas.put(type, schema);
        });
    }

    /** Where the schemas are looked for. */
    static Path dir() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        return configured == null || configured.isBlank() ? DEFAULT_DIR : Path.of(configured);
    }

    /** The schemas, or empty when the directory or a file is missing. */
    static Optional<CustomResourceSchemas> load() {
        Path dir = dir();
        if (!FILES.values().stream().allMatch(file -> Files.isRegularFile(dir.resolve(file)))) {
            return Optional.empty();
        }
        return Optional.of(new CustomResourceSchemas(dir));
    }

    /** Why {@link #load()} found nothing, for a skipped test's message. */
    static String missingReason() {
        return "custom resource schemas " + FILES.values() + " not found in "
                + dir().toAbsolutePath().normalize()
                + " (the project's ../shared/schemas/kubernetes; set -D" + PROPERTY + "=<dir> or " + ENV
                + " to another directory holding them)";
    }

    /** Whether there is a schema for this object's apiVersion and kind. */
    static boolean isCustomResource(JsonNode object) {
        return FILES.containsKey(type(object));
    }

    /** What is wrong with the object, one line per error; empty when valid. */
    List<String> errors(JsonNode object) {
        Schema schema = schemas.get(type(object));
        if (schema == null) {
            return List.of("no schema for " + type(object));
        }
        return schema.validate(object).stream().map(Error::toString).toList();
    }

    private static String type(JsonNode object) {
        return object.path("apiVersion").asText() + " " + object.path("kind").asText();
    }

    private static String uri(String file) {
        return "https://fairwise.dev/schemas/kubernetes/" + file;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }
}
