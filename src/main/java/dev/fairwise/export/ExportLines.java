package dev.fairwise.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairwise.ingest.Message;
import dev.fairwise.judgment.PreferenceRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exported line per judgment, in the shape its format's readers expect. Everything is in the
 * comparison's stored order ({@code a} is completion_lo); the verdict is the judgment's winner, or its
 * answer to one criterion. Formats that cannot express a verdict leave the judgment out (answer null).
 */
final class ExportLines {
    private ExportLines() {}

    /** The line (without its newline) for {@code j}, or null when this format has no row for it. */
    static byte[] line(
            ObjectMapper json,
            ExportFormat format,
            String campaign,
            ExportStore.Judged j,
            String pseudonym,
            String criterion) {
        String verdict = criterion == null ? j.winner() : j.criteria().get(criterion);
        if (verdict == null) {
            return null;
        }
        Object row = switch (format) {
            case FAIRWISE -> fairwise(j, campaign, pseudonym);
            case TRL -> trl(j, verdict, criterion == null ? j.strength() : null);
            case HH -> hh(j, verdict);
            case ARENA -> arena(j, verdict, pseudonym);
        };
        if (row == null) {
            return null;
        }
        try {
            return json.writeValueAsBytes(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export row could not be written as JSON", e);
        }
    }

    static PreferenceRecord fairwise(ExportStore.Judged j, String campaign, String pseudonym) {
        return PreferenceRecord.of(
                j.id(),
                campaign,
                j.comparisonId(),
                j.promptKey(),
                j.prompt(),
                new PreferenceRecord.Side(j.aKey(), j.aModel(), j.aResponse()),
                new PreferenceRecord.Side(j.bKey(), j.bModel(), j.bResponse()),
                j.winner(),
                j.strength(),
                new LinkedHashMap<>(j.criteria()),
                j.rationale(),
                j.shownOrder(),
                pseudonym,
                j.activeMs(),
                j.guidelineVersion(),
                j.contentTags(),
                j.gold(),
                j.createdAt());
    }

    /**
     * TRL's explicit-prompt conversational preference row; decisive verdicts only. {@code margin} (the
     * strength counted from 0 for negligible) is there when the judgment gave a strength.
     */
    static Map<String, Object> trl(ExportStore.Judged j, String verdict, String strength) {
        List<Message> chosen = PreferenceRecord.chosen(verdict, j.aResponse(), j.bResponse());
        if (chosen == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", j.prompt());
        row.put("chosen", chosen);
        row.put("rejected", PreferenceRecord.rejected(verdict, j.aResponse(), j.bResponse()));
        if (strength != null) {
            row.put(
                    "margin",
                    dev.fairwise.judgment.JudgmentRequest.Strength.fromWire(strength)
                            .margin());
        }
        return row;
    }

    /**
     * Anthropic HH-RLHF: the conversation up to and including the chosen (rejected) response as one string
     * of {@code \n\nHuman: …} and {@code \n\nAssistant: …} turns. HH has no other roles, so system (and any
     * other non-user, non-assistant) turns are left out; it cannot express a tie, so ties and both_bad are
     * left out too.
     */
    static Map<String, Object> hh(ExportStore.Judged j, String verdict) {
        List<Message> chosen = PreferenceRecord.chosen(verdict, j.aResponse(), j.bResponse());
        if (chosen == null) {
            return null;
        }
        String prompt = hhTurns(j.prompt());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("chosen", prompt + hhTurns(chosen));
        row.put("rejected", prompt + hhTurns(PreferenceRecord.rejected(verdict, j.aResponse(), j.bResponse())));
        return row;
    }

    private static String hhTurns(List<Message> messages) {
        StringBuilder text = new StringBuilder();
        for (Message m : messages) {
            switch (m.role()) {
                case "user" -> text.append("\n\nHuman: ").append(m.content());
                case "assistant" -> text.append("\n\nAssistant: ").append(m.content());
                default -> {
                    // HH-RLHF has only Human and Assistant turns
                }
            }
        }
        return text.toString();
    }

    /** A Chatbot Arena battle record; the rater is the judge, by pseudonym; raters never saw model names. */
    static Map<String, Object> arena(ExportStore.Judged j, String verdict, String pseudonym) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("question_id", j.promptKey());
        row.put("model_a", j.aModel());
        row.put("model_b", j.bModel());
        row.put(
                "winner",
                switch (verdict) {
                    case "a" -> "model_a";
                    case "b" -> "model_b";
                    case "tie" -> "tie";
                    default -> "tie (bothbad)";
                });
        row.put("judge", pseudonym);
        row.put("turn", j.prompt().stream().filter(m -> "user".equals(m.role())).count());
        row.put("anony", true);
        row.put("tstamp", j.createdAt().toEpochMilli() / 1000.0);
        row.put("conversation_a", conversation(j.prompt(), j.aResponse()));
        row.put("conversation_b", conversation(j.prompt(), j.bResponse()));
        return row;
    }

    private static List<Message> conversation(List<Message> prompt, List<Message> response) {
        List<Message> all = new ArrayList<>(prompt.size() + response.size());
        all.addAll(prompt);
        all.addAll(response);
        return all;
    }
}
