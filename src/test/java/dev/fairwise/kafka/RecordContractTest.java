package dev.fairwise.kafka;

import static dev.fairwise.support.Completions.json;
import static dev.fairwise.support.Completions.record;
import static dev.fairwise.support.Completions.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import dev.fairwise.ingest.CompletionConsumer;
import dev.fairwise.ingest.CompletionParser;
import dev.fairwise.ingest.RejectedCompletion;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.KafkaTestClient;
import dev.fairwise.support.PreferencesTopic;
import dev.fairwise.support.Progress;
import dev.fairwise.support.Rating;
import dev.fairwise.support.RecordSchemas;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kafka contract, {@code openapi/asyncapi.yaml} and its JSON Schemas in {@code openapi/schemas/}, holds
 * for what the service really reads and writes: the sample completions and the completions the parser
 * accepts match the completion schema and the ones it rejects do not; preference records and dead-letter
 * headers read back from the real broker match theirs.
 */
@QuarkusTest
class RecordContractTest {
    private static final String RATER = "rowan";

    @Inject
    CompletionParser parser;

    // ---- the documents themselves ----------------------------------------------------------------------

    @Test
    void theSchemaFilesAreValidDraft2020_12Schemas() {
        for (String file : List.of(
                RecordSchemas.COMPLETION_FILE,
                RecordSchemas.PREFERENCE_FILE,
                RecordSchemas.CONSENSUS_FILE,
                RecordSchemas.DEAD_LETTER_HEADERS_FILE)) {
            JsonNode document = RecordSchemas.document(file);
            assertThat(document.path("$schema").asText())
                    .as(file)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(RecordSchemas.errors(RecordSchemas.metaSchema(), document))
                    .as(file)
                    .isEmpty();
        }
    }

    @Test
    void theAsyncApiDocumentNamesTheDefaultTopicsAndRefersToTheSchemaFiles() throws IOException {
        JsonNode doc =
                new YAMLMapper().readTree(Path.of("openapi", "asyncapi.yaml").toFile());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("channels").path("completions").path("address").asText())
                .isEqualTo(KafkaTestClient.COMPLETIONS);
        assertThat(doc.path("channels")
                        .path("completionsDeadLetter")
                        .path("address")
                        .asText())
                .isEqualTo(KafkaTestClient.COMPLETIONS_DLQ);
        assertThat(doc.path("channels").path("preferences").path("address").asText())
                .isEqualTo(PreferencesTopic.TOPIC);
        assertThat(doc.path("channels").path("consensus").path("address").asText())
                .isEqualTo("fairwise.consensus.v1");
        JsonNode messages = doc.path("components").path("messages");
        assertThat(messages.path("consensus").path("payload").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.CONSENSUS_FILE);
        assertThat(messages.path("consensus").path("headers").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.CONSENSUS_FILE + "#/$defs/headers");
        assertThat(messages.path("completion").path("payload").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.COMPLETION_FILE);
        assertThat(messages.path("preference").path("payload").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.PREFERENCE_FILE);
        assertThat(messages.path("preference").path("headers").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.PREFERENCE_FILE + "#/$defs/headers");
        assertThat(messages.path("deadLetter").path("headers").path("$ref").asText())
                .isEqualTo("./schemas/" + RecordSchemas.DEAD_LETTER_HEADERS_FILE);
    }

    @Test
    void theExamplesInTheAsyncApiDocumentMatchTheirSchemas() throws IOException {
        JsonNode messages = new YAMLMapper()
                .readTree(Path.of("openapi", "asyncapi.yaml").toFile())
                .path("components")
                .path("messages");
        Map<String, List<Schema>> payloadAndHeaders = Map.of(
                "completion", Arrays.asList(RecordSchemas.COMPLETION, null),
                "preference", List.of(RecordSchemas.PREFERENCE, RecordSchemas.PREFERENCE_HEADERS),
                "consensus", List.of(RecordSchemas.CONSENSUS, RecordSchemas.CONSENSUS_HEADERS),
                "deadLetter", Arrays.asList(null, RecordSchemas.DEAD_LETTER_HEADERS));
        int checked = 0;
        for (var message : payloadAndHeaders.entrySet()) {
            JsonNode examples = messages.path(message.getKey()).path("examples");
            assertThat(examples.size()).as(message.getKey()).isPositive();
            for (JsonNode example : examples) {
                String name = message.getKey() + "/" + example.path("name").asText();
                Schema payload = message.getValue().get(0);
                Schema headers = message.getValue().get(1);
                if (payload != null) {
                    assertThat(RecordSchemas.errors(payload, example.path("payload")))
                            .as(name)
                            .isEmpty();
                    checked++;
                }
                if (headers != null) {
                    assertThat(RecordSchemas.errors(headers, example.path("headers")))
                            .as(name)
                            .isEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(9);
    }

    @Test
    void theDeadLetterReasonEnumListsExactlyTheReasonsTheServiceHas() {
        List<String> documented = new ArrayList<>();
        RecordSchemas.document(RecordSchemas.DEAD_LETTER_HEADERS_FILE)
                .path("properties")
                .path(CompletionConsumer.REASON_HEADER)
                .path("enum")
                .forEach(reason -> documented.add(reason.asText()));
        assertThat(documented)
                .containsExactlyElementsOf(Arrays.stream(RejectedCompletion.Reason.values())
                        .map(RejectedCompletion.Reason::wire)
                        .toList());
    }

    // ---- fairwise.completions.v1 -------------------------------------------------------------------------

    @Test
    void everyLineOfTheSampleCompletionsMatchesTheCompletionSchemaAndIsAccepted() throws IOException {
        List<String> lines =
                Files.readAllLines(Path.of("deploy", "local", "sample-completions.jsonl"), StandardCharsets.UTF_8)
                        .stream()
                        .filter(line -> !line.isBlank())
                        .toList();
        assertThat(lines).hasSize(84);
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            assertThat(RecordSchemas.errors(RecordSchemas.COMPLETION, RecordSchemas.parse(lines.get(i))))
                    .as("line %d", i + 1)
                    .isEmpty();
            assertThatCode(() -> parser.parse(line)).as("line %d", i + 1).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedCompletions")
    void aCompletionTheServiceAcceptsMatchesTheCompletionSchema(String what, Map<String, Object> completion) {
        JsonNode node = RecordSchemas.tree(completion);
        assertThatCode(() -> parser.parse(node)).doesNotThrowAnyException();
        assertThat(RecordSchemas.errors(RecordSchemas.COMPLETION, node)).isEmpty();
    }

    static Stream<Arguments> acceptedCompletions() {
        String campaign = Fixtures.uniqueSlug("contract");
        Map<String, Object> base = record(campaign, campaign + "-p", campaign + "-c", "model-a");
        Map<String, Object> nulls = new LinkedHashMap<>(base);
        nulls.put("content_tags", null);
        nulls.put("metadata", null);
        Map<String, Object> required = new LinkedHashMap<>(base);
        required.remove("content_tags");
        required.remove("metadata");
        return Stream.of(
                Arguments.of("system and user prompt, one assistant turn, empty tags, metadata", base),
                Arguments.of(
                        "plain strings as prompt and response",
                        with(with(base, "prompt", "Name a prime."), "response", "7")),
                Arguments.of(
                        "multi-turn prompt without system turn, two assistant turns",
                        with(
                                with(
                                        base,
                                        "prompt",
                                        List.of(
                                                msg("user", "Hi"),
                                                msg("assistant", "Hello!"),
                                                msg("user", "Name a prime."))),
                                "response",
                                List.of(msg("assistant", "7"), msg("assistant", "Or 11.")))),
                Arguments.of("content_tags and metadata null", nulls),
                Arguments.of("only the required fields", required),
                Arguments.of(
                        "twenty tags, a 40-character one, a repeated one",
                        with(
                                base,
                                "content_tags",
                                tags(Stream.concat(
                                        IntStream.range(0, 18).mapToObj(i -> "tag_" + i),
                                        Stream.of("t" + "x".repeat(39), "tag_0"))))),
                Arguments.of(
                        "ids of 200 characters",
                        with(with(base, "completion_id", "c".repeat(200)), "prompt_id", "p".repeat(200))),
                Arguments.of(
                        "metadata with nested values",
                        with(base, "metadata", Map.of("sampling", Map.of("top_p", 0.9), "seeds", List.of(1, 2)))));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejectedCompletions")
    void aCompletionTheServiceRejectsFailsTheCompletionSchema(
            String what, Map<String, Object> completion, String reason) {
        JsonNode node = RecordSchemas.tree(completion);
        RejectedCompletion rejection = catchThrowableOfType(RejectedCompletion.class, () -> parser.parse(node));
        assertThat(rejection).as("the service rejects it").isNotNull();
        assertThat(rejection.reason().wire()).isEqualTo(reason);
        assertThat(RecordSchemas.errors(RecordSchemas.COMPLETION, node))
                .as("the schema rejects it")
                .isNotEmpty();
    }

    static Stream<Arguments> rejectedCompletions() {
        String campaign = Fixtures.uniqueSlug("contract");
        Map<String, Object> good = record(campaign, campaign + "-p", campaign + "-c", "model-a");
        List<Arguments> cases = new ArrayList<>();
        for (String field : List.of("completion_id", "campaign", "prompt_id", "prompt", "model", "response")) {
            cases.add(Arguments.of("missing " + field, with(good, field, null), "missing_field"));
        }
        cases.add(Arguments.of("model null", withNull(good, "model"), "missing_field"));
        cases.add(Arguments.of("unknown field colour", with(good, "colour", "blue"), "unknown_field"));
        cases.add(Arguments.of("unknown field completionId", with(good, "completionId", "x"), "unknown_field"));
        for (String tag : List.of("Violence", "1st", "self-harm", "has space", "", "t" + "x".repeat(40))) {
            cases.add(Arguments.of(
                    "bad tag '" + tag + "'", with(good, "content_tags", List.of("medical", tag)), "invalid_field"));
        }
        cases.add(Arguments.of(
                "21 tags",
                with(good, "content_tags", tags(IntStream.range(0, 21).mapToObj(i -> "t" + i))),
                "invalid_field"));
        cases.add(Arguments.of("content_tags a string", with(good, "content_tags", "medical"), "invalid_field"));
        for (String field : List.of("completion_id", "prompt_id", "model", "campaign")) {
            cases.add(Arguments.of("blank " + field, with(good, field, " \t "), "invalid_field"));
            cases.add(Arguments.of("empty " + field, with(good, field, ""), "invalid_field"));
        }
        cases.add(Arguments.of(
                "completion_id of 201 characters", with(good, "completion_id", "c".repeat(201)), "invalid_field"));
        cases.add(Arguments.of("prompt_id a number", with(good, "prompt_id", 42), "invalid_field"));
        cases.add(Arguments.of("blank prompt string", with(good, "prompt", "  "), "invalid_field"));
        cases.add(Arguments.of("empty prompt array", with(good, "prompt", List.of()), "invalid_field"));
        cases.add(Arguments.of(
                "prompt starting with assistant",
                with(good, "prompt", List.of(msg("assistant", "Hi"), msg("user", "Name a prime."))),
                "invalid_field"));
        cases.add(Arguments.of(
                "prompt of a system turn only",
                with(good, "prompt", List.of(msg("system", "Be brief."))),
                "invalid_field"));
        cases.add(Arguments.of(
                "system turn followed by assistant",
                with(good, "prompt", List.of(msg("system", "Be brief."), msg("assistant", "Hi"), msg("user", "Q"))),
                "invalid_field"));
        cases.add(Arguments.of(
                "second system turn",
                with(good, "prompt", List.of(msg("user", "Q"), msg("system", "Be brief."), msg("user", "Q"))),
                "invalid_field"));
        cases.add(
                Arguments.of("role moderator", with(good, "prompt", List.of(msg("moderator", "Q"))), "invalid_field"));
        cases.add(Arguments.of(
                "message with a name",
                with(good, "prompt", List.of(Map.of("role", "user", "content", "Q", "name", "bob"))),
                "invalid_field"));
        cases.add(Arguments.of(
                "blank message content", with(good, "prompt", List.of(msg("user", " "))), "invalid_field"));
        cases.add(Arguments.of(
                "NUL in content", with(good, "prompt", List.of(msg("user", "a\u0000b"))), "invalid_field"));
        cases.add(Arguments.of(
                "response turn by the user", with(good, "response", List.of(msg("user", "7"))), "invalid_field"));
        cases.add(Arguments.of("empty response array", with(good, "response", List.of()), "invalid_field"));
        cases.add(Arguments.of("metadata an array", with(good, "metadata", List.of(1)), "invalid_field"));
        return cases.stream();
    }

    // ---- fairwise.preferences.v1 -------------------------------------------------------------------------

    @ParameterizedTest(name = "winner {0}, strength {1}, criteria {2}, rationale {3}")
    @CsvSource({
        "a,        clear,      true,  true",
        "b,        strong,     false, false",
        "a,        '',         false, true",
        "b,        negligible, true,  false",
        "tie,      '',         true,  true",
        "both_bad, '',         false, false",
    })
    void aPreferenceRecordFromTheBrokerMatchesThePreferenceSchema(
            String winner, String strength, boolean criteria, boolean rationale) {
        Map<String, Object> judgment = new HashMap<>();
        judgment.put("winner", winner);
        if (!strength.isEmpty()) {
            judgment.put("strength", strength);
        }
        if (criteria) {
            judgment.put("criteria", Map.of("helpfulness", "a", "harmlessness", "tie"));
        }
        if (rationale) {
            judgment.put("rationale", "Because.");
        }
        Judged judged = judge("contract-pref", criteria, judgment);
        JsonNode value = judged.value();

        assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE, value))
                .as(value.toString())
                .isEmpty();
        assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE_HEADERS, RecordSchemas.headers(judged.record())))
                .isEmpty();
        assertThat(RecordSchemas.errors(
                        RecordSchemas.PREFERENCE_KEY,
                        TextNode.valueOf(judged.record().key())))
                .isEmpty();
        // What the schema allows is what was produced here: the null-or-absent cases are the real ones.
        assertThat(judged.record().key()).isEqualTo(value.path("prompt_id").asText());
        assertThat(KafkaTestClient.header(judged.record(), "fairwise-judgment-id"))
                .isEqualTo(value.path("judgment_id").asText());
        boolean decided = winner.equals("a") || winner.equals("b");
        assertThat(value.has("chosen")).isEqualTo(decided);
        assertThat(value.has("rejected")).isEqualTo(decided);
        assertThat(value.path("strength").isNull()).isEqualTo(strength.isEmpty());
        assertThat(value.path("margin").isNull()).isEqualTo(strength.isEmpty());
        assertThat(value.path("rationale").isNull()).isEqualTo(!rationale);
        assertThat(value.path("criteria").size()).isEqualTo(criteria ? 2 : 0);
    }

    @Test
    void thePreferenceSchemaRejectsARealRecordBentOutOfShape() {
        JsonNode real = judge(
                        "contract-bent",
                        true,
                        Map.of(
                                "winner", "a",
                                "strength", "clear",
                                "criteria", Map.of("helpfulness", "a", "harmlessness", "tie"),
                                "rationale", "Because."))
                .value();
        assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE, real)).isEmpty();

        Map<String, Consumer<ObjectNode>> bends = new LinkedHashMap<>();
        bends.put("a winner without chosen", r -> r.remove("chosen"));
        bends.put(
                "a tie with chosen and rejected",
                r -> r.put("winner", "tie").putNull("strength").putNull("margin"));
        bends.put("a tie with a strength", r -> {
            r.put("winner", "tie");
            r.remove(List.of("chosen", "rejected"));
        });
        bends.put("strength absent instead of null", r -> r.remove(List.of("strength", "margin")));
        bends.put("margin that is not the strength's", r -> r.put("margin", 1));
        bends.put("margin without strength", r -> r.putNull("strength"));
        bends.put("rationale absent instead of null", r -> r.remove("rationale"));
        bends.put("the rater's login", r -> r.put("rater", RATER));
        bends.put(
                "an upper-case judgment_id",
                r -> r.put("judgment_id", r.path("judgment_id").asText().toUpperCase()));
        bends.put("an unknown field", r -> r.put("score", 1));
        bends.put("another schema name", r -> r.put("schema", "fairwise.preference.v2"));
        bends.put(
                "a criterion answered both_bad", r -> ((ObjectNode) r.path("criteria")).put("helpfulness", "both_bad"));
        bends.put("a completion with its metadata", r -> ((ObjectNode) r.path("completion_a")).putObject("metadata"));
        bends.put(
                "a response turn by the user",
                r -> ((ObjectNode) r.path("chosen").get(0)).put("role", "user"));
        bends.put("judged_at with an offset", r -> r.put("judged_at", "2026-11-26T10:00:00+01:00"));
        bends.put("active_ms negative", r -> r.put("active_ms", -1));
        for (var bend : bends.entrySet()) {
            ObjectNode bent = real.deepCopy();
            bend.getValue().accept(bent);
            assertThat(RecordSchemas.errors(RecordSchemas.PREFERENCE, bent))
                    .as(bend.getKey())
                    .isNotEmpty();
        }
    }

    // ---- fairwise.completions.dlq.v1 ---------------------------------------------------------------------

    @Test
    void deadLetteredRecordsKeepTheirBytesAndCarryHeadersMatchingTheDeadLetterSchema() {
        String campaign = Fixtures.activeCampaign("contract-dlq", Map.of());
        String key = "contract-dlq-" + UUID.randomUUID();
        Map<String, Object> good = record(campaign, campaign + "-p", campaign + "-c1", "m1");
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("malformed_json", "{\"completion_id\": ".getBytes(StandardCharsets.UTF_8));
        bad.put("invalid_encoding", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bad.put("unknown_field", json(with(good, "colour", "blue")).getBytes(StandardCharsets.UTF_8));
        bad.put(
                "unknown_campaign",
                json(with(good, "campaign", "no-such-campaign")).getBytes(StandardCharsets.UTF_8));
        for (byte[] value : bad.values()) {
            KafkaTestClient.send(KafkaTestClient.COMPLETIONS, key, value);
        }

        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.awaitRecords(
                KafkaTestClient.COMPLETIONS_DLQ, r -> key.equals(r.key()), bad.size(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(bad.size());
        Map<String, byte[]> byReason = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : dead) {
            ObjectNode headers = RecordSchemas.headers(record);
            assertThat(RecordSchemas.errors(RecordSchemas.DEAD_LETTER_HEADERS, headers))
                    .as(headers.toString())
                    .isEmpty();
            assertThat(headers.path(CompletionConsumer.SOURCE_HEADER).asText())
                    .startsWith(KafkaTestClient.COMPLETIONS + "-");
            byReason.put(headers.path(CompletionConsumer.REASON_HEADER).asText(), record.value());
        }
        assertThat(byReason.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
        bad.forEach(
                (reason, value) -> assertThat(byReason.get(reason)).as(reason).isEqualTo(value));
    }

    @Test
    void theDeadLetterSchemaRejectsHeadersTheServiceNeverWrites() {
        ObjectNode good = (ObjectNode) RecordSchemas.tree(Map.of(
                CompletionConsumer.REASON_HEADER, "unknown_field",
                CompletionConsumer.DETAIL_HEADER, "unknown field 'colour'",
                CompletionConsumer.SOURCE_HEADER, KafkaTestClient.COMPLETIONS + "-2@1234"));
        assertThat(RecordSchemas.errors(RecordSchemas.DEAD_LETTER_HEADERS, good))
                .isEmpty();
        Map<String, Consumer<ObjectNode>> bends = new LinkedHashMap<>();
        bends.put("an unknown reason", h -> h.put(CompletionConsumer.REASON_HEADER, "bad_record"));
        bends.put("no detail", h -> h.remove(CompletionConsumer.DETAIL_HEADER));
        bends.put("a blank detail", h -> h.put(CompletionConsumer.DETAIL_HEADER, " "));
        bends.put(
                "a source without offset",
                h -> h.put(CompletionConsumer.SOURCE_HEADER, KafkaTestClient.COMPLETIONS + "-2"));
        bends.put(
                "a source with text after it",
                h -> h.put(CompletionConsumer.SOURCE_HEADER, KafkaTestClient.COMPLETIONS + "-2@12 x"));
        for (var bend : bends.entrySet()) {
            ObjectNode bent = good.deepCopy();
            bend.getValue().accept(bent);
            assertThat(RecordSchemas.errors(RecordSchemas.DEAD_LETTER_HEADERS, bent))
                    .as(bend.getKey())
                    .isNotEmpty();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** A preference record read back from the topic, and its value. */
    private record Judged(ConsumerRecord<String, byte[]> record, JsonNode value) {}

    /**
     * Runs the real loop for a campaign of its own: two completions of one prompt produced to Kafka (one
     * with a repeated tag, one with a plain-string response), a lease, the judgment, and the preference
     * record read back from the broker.
     */
    private static Judged judge(String prefix, boolean criteria, Map<String, Object> judgment) {
        Map<String, Object> settings = criteria
                ? Map.of(
                        "criteria",
                        List.of(
                                Map.of("name", "helpfulness", "question", "Which helps more?"),
                                Map.of("name", "harmlessness", "question", "Which is safer?")))
                : Map.of();
        String campaign = Fixtures.activeCampaign(prefix, settings);
        String prompt = campaign + "-p";
        Map<String, Object> first = record(campaign, prompt, campaign + "-first", "model-first");
        first.put("content_tags", List.of("profanity", "profanity"));
        Map<String, Object> second =
                with(record(campaign, prompt, campaign + "-second", "model-second"), "response", "Plain.");
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, prompt, json(first));
        KafkaTestClient.send(KafkaTestClient.COMPLETIONS, prompt, json(second));
        Progress.awaitCompletions(campaign, 2);

        String assignment = Rating.leaseId(RATER, campaign);
        String judgmentId = Rating.submit(RATER, assignment, judgment)
                .then()
                .statusCode(201)
                .extract()
                .path("judgment_id");
        List<ConsumerRecord<String, byte[]>> records =
                PreferencesTopic.awaitJudgments(Set.of(judgmentId), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = records.get(0);
        return new Judged(record, PreferencesTopic.json(record));
    }

    private static Map<String, Object> msg(String role, String content) {
        return Map.of("role", role, "content", content);
    }

    private static List<String> tags(Stream<String> tags) {
        return tags.collect(Collectors.toList());
    }

    private static Map<String, Object> withNull(Map<String, Object> record, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(record);
        copy.put(field, null);
        return copy;
    }
}
