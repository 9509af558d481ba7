package dev.fairwise.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The JSON Schemas of the Kafka records, loaded from the committed files {@code openapi/schemas/*.json}
 * (the ones {@code openapi/asyncapi.yaml} refers to) as draft 2020-12, with format assertions on. Each file
 * is registered under its {@code $id}, so nothing is fetched from the network.
 */
public final class RecordSchemas {
    /** Where the schema files live, relative to the project directory the tests run in. */
    public static final Path DIR = Path.of("openapi", "schemas");

    public static final String COMPLETION_FILE = "completion.v1.json";
    public static final String PREFERENCE_FILE = "preference.v1.json";
    public static final String CONSENSUS_FILE = "consensus.v1.json";
    public static final String DEAD_LETTER_HEADERS_FILE = "dead-letter-headers.v1.json";
    public static final String EXPORT_TRL_FILE = "export-trl.v1.json";
    public static final String EXPORT_HH_FILE = "export-hh.v1.json";
    public static final String EXPORT_ARENA_FILE = "export-arena.v1.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> BY_ID = new HashMap<>();
    private static final Map<String, String> ID_OF_FILE = new HashMap<>();
    private static final SchemaRegistry REGISTRY;

    static {
        for (String file : List.of(
                COMPLETION_FILE,
                PREFERENCE_FILE,
                CONSENSUS_FILE,
                DEAD_LETTER_HEADERS_FILE,
                EXPORT_TRL_FILE,
                EXPORT_HH_FILE,
                EXPORT_ARENA_FILE)) {
            String text = read(DIR.resolve(file));
            String id = parse(text).path("$id").asText();
            if (id.isEmpty()) {
                throw new IllegalStateException(file + " has no $id");
            }
            BY_ID.put(id, text);
            ID_OF_FILE.put(file, id);
        }
        REGISTRY = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(BY_ID)
                        .schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()));
    }

    /** The value of a {@code fairwise.completions.v1} record. */
    public static final Schema COMPLETION = schema(COMPLETION_FILE, "");
    /** The value of a {@code fairwise.preferences.v1} record. */
    public static final Schema PREFERENCE = schema(PREFERENCE_FILE, "");
    /** The headers of a {@code fairwise.preferences.v1} record. */
    public static final Schema PREFERENCE_HEADERS = schema(PREFERENCE_FILE, "#/$defs/headers");
    /** The key of a {@code fairwise.preferences.v1} record. */
    public static final Schema PREFERENCE_KEY = schema(PREFERENCE_FILE, "#/$defs/key");
    /** The value of a {@code fairwise.consensus.v1} record. */
    public static final Schema CONSENSUS = schema(CONSENSUS_FILE, "");
    /** The headers of a {@code fairwise.consensus.v1} record. */
    public static final Schema CONSENSUS_HEADERS = schema(CONSENSUS_FILE, "#/$defs/headers");
    /** The headers of a {@code fairwise.completions.dlq.v1} record. */
    public static final Schema DEAD_LETTER_HEADERS = schema(DEAD_LETTER_HEADERS_FILE, "");
    /** One line of an export in format trl. */
    public static final Schema EXPORT_TRL = schema(EXPORT_TRL_FILE, "");
    /** One line of an export in format hh. */
    public static final Schema EXPORT_HH = schema(EXPORT_HH_FILE, "");
    /** One line of an export in format arena. */
    public static final Schema EXPORT_ARENA = schema(EXPORT_ARENA_FILE, "");

    private RecordSchemas() {}

    /** The schema in {@code file} at {@code fragment} ("" for the whole document, or "#/$defs/..."). */
    public static Schema schema(String file, String fragment) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_OF_FILE.get(file) + fragment));
        schema.initializeValidators();
        return schema;
    }

    /** A schema file as JSON. */
    public static JsonNode document(String file) {
        return parse(read(DIR.resolve(file)));
    }

    /** The draft 2020-12 meta-schema, to check the schema files themselves. */
    public static Schema metaSchema() {
        return REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    }

    /** What is wrong with {@code instance}, one line per error; empty when it is valid. */
    public static List<String> errors(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(Error::toString).toList();
    }

    /** A record's headers as a JSON object of UTF-8 strings (the last value of a repeated header). */
    public static ObjectNode headers(ConsumerRecord<?, ?> record) {
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java value (maps, lists, strings) as a JSON tree. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }
}
