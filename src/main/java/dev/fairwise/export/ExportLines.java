package dev.fairwise.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fairwise.ingest.Message;
import dev.fairwise.judgment.PreferenceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes one exported judgment as one JSON object, in one of the {@link ExportFormat}s. The caller ends each
 * line. Every format is written in the stored order of the comparison (completion a is completion_lo), raters
 * only as pseudonyms.
 */
abstract class ExportLines {
    private static final TypeReference<List<Message>> MESSAGES = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> CRITERIA = new TypeReference<>() {};

    final ObjectMapper json;
    final String campaign;
    private final Function<String, String> pseudonym;
    private final ObjectReader messages;
    private final ObjectReader criteria;

    private ExportLines(ObjectMapper json, String campaign, Function<String, String> pseudonym) {
        this.json = json;
        this.campaign = campaign;
        this.pseudonym = pseudonym;
        this.messages = json.readerFor(MESSAGES);
        this.criteria = json.readerFor(CRITERIA);
    }

    /**
     * The writer of {@code format}.
     *
     * @param json the mapper of published records (api/JsonConfig#records)
     * @param campaign the campaign's slug
     * @param pseudonym a rater's login to their pseudonym in this campaign's records
     */
    static ExportLines of(ExportFormat format, ObjectMapper json, String campaign, Function<String, String> pseudonym) {
        return switch (format) {
            case FAIRWISE -> new Fairwise(json, campaign, pseudonym);
            case TRL -> new Trl(json, campaign, pseudonym);
            case HH -> new Hh(json, campaign, pseudonym);
            case ARENA -> new Arena(json, campaign, pseudonym);
        };
    }

    abstract void write(ExportStore.ExportRow row, JsonGenerator out) throws IOException;

    String rater(ExportStore.ExportRow row) {
        return pseudonym.apply(row.rater());
    }

    List<Message> messages(String text) {
        try {
            return messages.readValue(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored message list is not valid JSON", e);
        }
    }

    /** A judgment's stored criteria answers, in their stored order; most campaigns have none. */
    Map<String, String> criteria(String text) throws IOException {
        return "{}".equals(text) ? new LinkedHashMap<>() : criteria.readValue(text);
    }

    static void writeMessages(JsonGenerator out, List<Message> messages) throws IOException {
        out.writeStartArray();
        for (Message m : messages) {
            out.writeStartObject();
            out.writeStringField("role", m.role());
            out.writeStringField("content", m.content());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The preference record, built by the same code as the one the submit put on the preferences topic. */
    private static final class Fairwise extends ExportLines {
        private final ObjectWriter writer;

        Fairwise(ObjectMapper json, String campaign, Function<String, String> pseudonym) {
            super(json, campaign, pseudonym);
            this.writer = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        }

        @Override
        void write(ExportStore.ExportRow row, JsonGenerator out) throws IOException {
            PreferenceRecord record = PreferenceRecord.of(
                    row.id(),
                    campaign,
                    row.comparisonId(),
                    row.promptKey(),
                    messages(row.prompt()),
                    new PreferenceRecord.Side(row.loKey(), row.loModel(), messages(row.loResponse())),
                    new PreferenceRecord.Side(row.hiKey(), row.hiModel(), messages(row.hiResponse())),
                    row.verdict(),
                    row.strength(),
                    criteria(row.criteria()),
                    row.rationale(),
                    row.shownOrder(),
                    rater(row),
                    row.activeMs(),
                    row.guidelineVersion(),
                    row.contentTags(),
                    row.gold(),
                    row.createdAt().toInstant());
            writer.writeValue(out, record);
        }
    }

    /**
     * TRL's conversational preference format with an explicit prompt: {@code prompt} (every prompt message,
     * system included), {@code chosen} and {@code rejected} (the assistant messages of the two responses), and
     * {@code margin} when the rater gave a strength (its place from 0, as in the preference record). The message
     * lists are copied as stored: ingest wrote each as the JSON of its {@link Message} list (CompletionParser),
     * which is exactly what writing them again would give, so they are neither parsed nor written again.
     */
    private static final class Trl extends ExportLines {
        Trl(ObjectMapper json, String campaign, Function<String, String> pseudonym) {
            super(json, campaign, pseudonym);
        }

        @Override
        void write(ExportStore.ExportRow row, JsonGenerator out) throws IOException {
            boolean a = "a".equals(row.verdict());
            out.writeStartObject();
            out.writeFieldName("prompt");
            out.writeRawValue(row.prompt());
            out.writeFieldName("chosen");
            out.writeRawValue(a ? row.loResponse() : row.hiResponse());
            out.writeFieldName("rejected");
            out.writeRawValue(a ? row.hiResponse() : row.loResponse());
            Integer margin = PreferenceRecord.margin(row.strength());
            if (margin != null) {
                out.writeNumberField("margin", margin);
            }
            out.writeEndObject();
        }
    }

    /**
     * Anthropic HH-RLHF: {@code chosen} and {@code rejected} are each the whole conversation as one string,
     * every user turn as {@code "\n\nHuman: "} and every assistant turn as {@code "\n\nAssistant: "} followed by
     * its text, ending with the response. HH has no system turn, so a system message is left out (the prompt's
     * other turns are kept in order).
     */
    private static final class Hh extends ExportLines {
        Hh(ObjectMapper json, String campaign, Function<String, String> pseudonym) {
            super(json, campaign, pseudonym);
        }

        @Override
        void write(ExportStore.ExportRow row, JsonGenerator out) throws IOException {
            boolean a = "a".equals(row.verdict());
            StringBuilder prompt = new StringBuilder(256);
            render(prompt, messages(row.prompt()));
            out.writeStartObject();
            out.writeStringField("chosen", conversation(prompt, a ? row.loResponse() : row.hiResponse()));
            out.writeStringField("rejected", conversation(prompt, a ? row.hiResponse() : row.loResponse()));
            out.writeEndObject();
        }

        private String conversation(CharSequence prompt, String response) {
            StringBuilder text = new StringBuilder(prompt.length() + 256).append(prompt);
            render(text, messages(response));
            return text.toString();
        }

        static void render(StringBuilder text, List<Message> messages) {
            for (Message m : messages) {
                switch (m.role()) {
                    case "user" -> text.append("\n\nHuman: ").append(m.content());
                    case "assistant" -> text.append("\n\nAssistant: ").append(m.content());
                    default -> {
                        // system: HH-RLHF has no place for it
                    }
                }
            }
        }
    }

    /**
     * A Chatbot Arena battle as FastChat's clean_battle_data.py writes it: the models in stored order, the
     * winner as {@code model_a}, {@code model_b}, {@code tie} or {@code tie (bothbad)}, each side's conversation
     * (the prompt and that model's response, OpenAI-style), {@code turn} (the user turns), {@code anony} (raters
     * never see model names), {@code tstamp} (seconds since the epoch) and {@code judge} (the rater's pseudonym).
     * {@code question_id} is the prompt's id, shared by every battle on the same prompt.
     */
    private static final class Arena extends ExportLines {
        Arena(ObjectMapper json, String campaign, Function<String, String> pseudonym) {
            super(json, campaign, pseudonym);
        }

        @Override
        void write(ExportStore.ExportRow row, JsonGenerator out) throws IOException {
            List<Message> prompt = messages(row.prompt());
            int turns = 0;
            for (Message m : prompt) {
                if ("user".equals(m.role())) {
                    turns++;
                }
            }
            out.writeStartObject();
            out.writeStringField("question_id", row.promptKey());
            out.writeStringField("model_a", row.loModel());
            out.writeStringField("model_b", row.hiModel());
            out.writeStringField("winner", winner(row.verdict()));
            out.writeStringField("judge", rater(row));
            out.writeFieldName("conversation_a");
            writeMessages(out, conversation(prompt, messages(row.loResponse())));
            out.writeFieldName("conversation_b");
            writeMessages(out, conversation(prompt, messages(row.hiResponse())));
            out.writeNumberField("turn", turns);
            out.writeBooleanField("anony", true);
            out.writeNumberField(
                    "tstamp", row.createdAt().toEpochSecond() + row.createdAt().getNano() / 1e9);
            out.writeEndObject();
        }

        private static List<Message> conversation(List<Message> prompt, List<Message> response) {
            List<Message> all = new ArrayList<>(prompt.size() + response.size());
            all.addAll(prompt);
            all.addAll(response);
            return all;
        }

        private static String winner(String verdict) {
            return switch (verdict) {
                case "a" -> "model_a";
                case "b" -> "model_b";
                case "tie" -> "tie";
                case "both_bad" -> "tie (bothbad)";
                default -> throw new IllegalStateException("unknown verdict " + verdict);
            };
        }
    }
}
