package dev.fairwise.judgment;

import static dev.fairwise.db.SqlValues.intValue;
import static dev.fairwise.db.SqlValues.longValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.AppClock;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentService;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.db.SqlValues;
import dev.fairwise.ingest.Message;
import dev.fairwise.kafka.TopicsConfig;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.rater.RaterConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Accepts judgments. In one transaction: the lease is checked to be the caller's and live, the judgment is
 * stored, the assignment ended, the comparison's counts updated, and the preference record written to the
 * outbox. A 201 is answered only after that transaction committed; nothing here talks to Kafka.
 */
@ApplicationScoped
public class JudgmentService {
    private static final TypeReference<List<Message>> MESSAGES = new TypeReference<>() {};
    /** Reads the JSON columns the service wrote itself (messages, criteria). */
    private static final ObjectMapper STORED = new ObjectMapper();

    private static final TypeReference<List<Criterion>> CRITERIA = new TypeReference<>() {};

    private final Mutiny.SessionFactory sessions;
    private final AppClock clock;
    private final RaterConfig config;
    private final Pseudonyms pseudonyms;
    private final TopicsConfig topics;
    private final ObjectMapper json = JsonConfig.configure(new ObjectMapper());
    private final ObjectMapper canonical = JsonConfig.configure(new ObjectMapper())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    JudgmentService(
            Mutiny.SessionFactory sessions,
            AppClock clock,
            RaterConfig config,
            Pseudonyms pseudonyms,
            TopicsConfig topics) {
        this.sessions = sessions;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
        this.topics = topics;
        json.findAndRegisterModules();
        json.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /**
     * The stored answer to a submit, and whether it is a replay of an earlier identical request.
     *
     * @param body the 201 body
     * @param replayed true when this answers a repeated request
     */
    public record Submitted(String body, boolean replayed) {}

    public Uni<Submitted> submit(UUID assignment, String rater, JudgmentRequest request, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.invalid("Idempotency-Key", "must be 1-200 characters");
        }
        String requestHash = sha256(write(canonical, request));
        Instant now = clock.now();
        // Lock the comparison first, then read the assignment in a new statement: a statement that waited
        // for the lock would still see the assignment as it was before (READ COMMITTED re-reads only the
        // locked row), and miss a renewal or a concurrent submit of the same judgment.
        return sessions.withTransaction(session -> AssignmentService.lockComparisonOf(session, assignment, rater)
                .chain(comparison -> load(session, assignment, rater))
                .chain(row -> {
                    String state = (String) row[0];
                    if ("submitted".equals(state)) {
                        return replay(session, assignment, requestHash, idempotencyKey);
                    }
                    if (!"live".equals(state) || !SqlValues.instant(row[1]).isAfter(now)) {
                        return AssignmentService.failure(session, assignment, rater, now, false);
                    }
                    Context context = new Context(row);
                    validate(request, context);
                    return AssignmentService.requireNotClosed(session, assignment)
                            .chain(() -> accept(
                                    session, assignment, rater, request, requestHash, idempotencyKey, context, now));
                }));
    }

    /** What the submit needs to know about the assignment, its comparison and its campaign. */
    private static final class Context {
        final String shownOrder;
        final int guidelineVersion;
        final UUID comparisonId;
        final long campaignId;
        final String campaign;
        final int overlap;
        final List<Criterion> criteria;
        final boolean strengthRequired;
        final boolean rationaleRequired;
        final String promptKey;
        final String promptJson;
        final List<String> contentTags;
        final String loKey;
        final String loModel;
        final String loResponse;
        final String hiKey;
        final String hiModel;
        final String hiResponse;
        final long activeMs;
        final Instant lastSeenAt;

        Context(Object[] r) {
            shownOrder = (String) r[2];
            guidelineVersion = intValue(r[3]);
            comparisonId = (UUID) r[4];
            campaignId = longValue(r[5]);
            campaign = (String) r[6];
            overlap = intValue(r[7]);
            criteria = read(r[8], CRITERIA);
            strengthRequired = (Boolean) r[9];
            rationaleRequired = (Boolean) r[10];
            promptKey = (String) r[11];
            promptJson = (String) r[12];
            contentTags = SqlValues.list(r[13]);
            loKey = (String) r[14];
            loModel = (String) r[15];
            loResponse = (String) r[16];
            hiKey = (String) r[17];
            hiModel = (String) r[18];
            hiResponse = (String) r[19];
            activeMs = longValue(r[20]);
            lastSeenAt = SqlValues.instant(r[21]);
        }

        /** A slot answer (a/b as shown) in the stored order. */
        String stored(String slot) {
            if (!"ba".equals(shownOrder)) {
                return slot;
            }
            return switch (slot) {
                case "a" -> "b";
                case "b" -> "a";
                default -> slot;
            };
        }
    }

    private static Uni<Object[]> load(Mutiny.Session session, UUID assignment, String rater) {
        return session.createNativeQuery(
                        "select a.state, a.deadline, a.shown_order, a.guideline_version, c.id, k.id, k.slug, k.overlap,"
                                + " k.criteria, k.strength_required, k.rationale_required, p.prompt_key, p.messages,"
                                + " array_to_string(p.content_tags, ','), lo.completion_key, lo.model, lo.response,"
                                + " hi.completion_key, hi.model, hi.response, a.active_ms, a.last_seen_at"
                                + " from assignment a join campaign k on k.id = a.campaign_id"
                                + " join comparison c on c.id = a.comparison_id join prompt p on p.id = c.prompt_id"
                                + " join completion lo on lo.id = c.completion_lo join completion hi on hi.id = c.completion_hi"
                                + " where a.id = :id and a.rater = :rater",
                        Object[].class)
                .setParameter("id", assignment)
                .setParameter("rater", rater)
                .getSingleResultOrNull()
                .onItem()
                .ifNull()
                .failWith(() -> AssignmentService.notFound(assignment));
    }

    private void validate(JudgmentRequest request, Context context) {
        boolean decided = request.winner().decided();
        if (request.strength() == null && decided && context.strengthRequired) {
            throw ApiException.invalid("strength", "is required by this campaign when there is a winner");
        }
        if (request.strength() != null && !decided) {
            throw ApiException.invalid("strength", "must be absent for a tie or both_bad");
        }
        Set<String> wanted = context.criteria.stream().map(Criterion::name).collect(Collectors.toSet());
        Set<String> given =
                request.criteria() == null ? Set.of() : request.criteria().keySet();
        for (String name : given) {
            if (!wanted.contains(name)) {
                throw ApiException.invalid("criteria." + name, "is not a criterion of this campaign");
            }
        }
        for (String name : wanted) {
            if (!given.contains(name)) {
                throw ApiException.invalid("criteria." + name, "is required");
            }
        }
        String rationale = request.rationale();
        if (rationale != null && rationale.indexOf('\u0000') >= 0) {
            throw ApiException.invalid("rationale", "must not contain NUL characters");
        }
        if (context.rationaleRequired && (rationale == null || rationale.isBlank())) {
            throw ApiException.invalid("rationale", "is required by this campaign");
        }
        if (rationale != null && rationale.length() > config.maxRationaleChars()) {
            throw ApiException.invalid("rationale", "is longer than " + config.maxRationaleChars() + " characters");
        }
        List<JudgmentRequest.Flag> flags = request.flags() == null ? List.of() : request.flags();
        for (int i = 0; i < flags.size(); i++) {
            String note = flags.get(i).note();
            if (note != null && note.indexOf('\u0000') >= 0) {
                throw ApiException.invalid("flags[" + i + "].note", "must not contain NUL characters");
            }
            if (note != null && note.length() > config.maxNoteChars()) {
                throw ApiException.invalid(
                        "flags[" + i + "].note", "is longer than " + config.maxNoteChars() + " characters");
            }
        }
    }

    private Uni<Submitted> accept(
            Mutiny.Session session,
            UUID assignment,
            String rater,
            JudgmentRequest request,
            String requestHash,
            String idempotencyKey,
            Context context,
            Instant now) {
        // Active time up to now: the time since the last sign of activity, at most the idle cut-off. The
        // comparison lock keeps the assignment as read until this transaction ends.
        long sinceSeen =
                Math.max(0, java.time.Duration.between(context.lastSeenAt, now).toMillis());
        long activeMs =
                context.activeMs + Math.min(sinceSeen, config.idleCutoff().toMillis());
        UUID judgmentId = UUID.randomUUID();
        Map<String, String> slotCriteria = new TreeMap<>();
        Map<String, String> storedCriteria = new TreeMap<>();
        if (request.criteria() != null) {
            request.criteria().forEach((name, answer) -> {
                slotCriteria.put(name, answer.wire());
                storedCriteria.put(name, context.stored(answer.wire()));
            });
        }
        String storedWinner = context.stored(request.winner().wire());
        List<JudgmentRequest.Flag> flags = request.flags() == null ? List.of() : request.flags();
        JudgmentView view = new JudgmentView(
                judgmentId,
                assignment,
                context.campaign,
                request.winner().wire(),
                request.strength() == null ? null : request.strength().wire(),
                slotCriteria,
                request.rationale(),
                flags,
                activeMs,
                now);
        String body = write(json, view);
        String payload = write(
                json, preference(judgmentId, rater, request, context, storedWinner, storedCriteria, activeMs, now));
        // One statement: end the assignment (guarded), store the judgment, count it, and write the outbox
        // row. Each part runs only when the guarded update matched.
        return session.createNativeQuery(
                        "with done as (update assignment set state = 'submitted', ended_at = :now, active_ms = :active,"
                                + " last_seen_at = :now where id = :assignment and rater = :rater and state = 'live'"
                                + " and deadline > cast(:now as timestamptz) returning id),"
                                + " j as (insert into judgment (id, assignment_id, comparison_id, campaign_id, rater, winner,"
                                + " strength, criteria, rationale, flags, active_ms, request_hash, idempotency_key, response, created_at)"
                                + " select :jid, id, :comparison, :campaign, :rater, :winner, :strength, :criteria,"
                                + " :rationale, :flags, :active, :hash, :idem, :body, :now from done),"
                                + " c as (update comparison set judgments = judgments + 1, live_leases = live_leases - 1,"
                                + " state = case when judgments + 1 >= :overlap then 'complete' else 'open' end,"
                                + " earliest_deadline = (select min(deadline) from assignment"
                                + " where comparison_id = :comparison and state = 'live' and id <> :assignment)"
                                + " where id = :comparison and exists (select 1 from done)),"
                                + " o as (insert into outbox (event_id, topic, msg_key, payload, created_at, next_attempt_at)"
                                + " select :jid, :topic, :key, :payload, :now, :now from done)"
                                + " select count(*) from done",
                        Long.class)
                .setParameter("jid", judgmentId)
                .setParameter("assignment", assignment)
                .setParameter("comparison", context.comparisonId)
                .setParameter("campaign", context.campaignId)
                .setParameter("rater", rater)
                .setParameter("winner", storedWinner)
                .setParameter(
                        "strength",
                        request.strength() == null ? null : request.strength().wire())
                .setParameter("criteria", write(json, storedCriteria))
                .setParameter("rationale", request.rationale())
                .setParameter("flags", write(json, flags))
                .setParameter("active", activeMs)
                .setParameter("hash", requestHash)
                .setParameter("idem", idempotencyKey)
                .setParameter("body", body)
                .setParameter("now", now)
                .setParameter("overlap", context.overlap)
                .setParameter("topic", topics.preferences())
                .setParameter("key", context.promptKey)
                .setParameter("payload", payload)
                .getSingleResult()
                .chain(ended -> ended == 1
                        ? Uni.createFrom().item(new Submitted(body, false))
                        : AssignmentService.<Submitted>failure(session, assignment, rater, now, false));
    }

    private PreferenceRecord preference(
            UUID judgmentId,
            String rater,
            JudgmentRequest request,
            Context context,
            String storedWinner,
            Map<String, String> storedCriteria,
            long activeMs,
            Instant now) {
        List<Message> lo = read(context.loResponse, MESSAGES);
        List<Message> hi = read(context.hiResponse, MESSAGES);
        List<Message> chosen = switch (storedWinner) {
            case "a" -> lo;
            case "b" -> hi;
            default -> null;
        };
        List<Message> rejected = switch (storedWinner) {
            case "a" -> hi;
            case "b" -> lo;
            default -> null;
        };
        return new PreferenceRecord(
                PreferenceRecord.SCHEMA,
                judgmentId,
                context.campaign,
                context.comparisonId,
                context.promptKey,
                read(context.promptJson, MESSAGES),
                new PreferenceRecord.Side(context.loKey, context.loModel, lo),
                new PreferenceRecord.Side(context.hiKey, context.hiModel, hi),
                storedWinner,
                request.strength() == null ? null : request.strength().wire(),
                request.strength() == null ? null : request.strength().margin(),
                chosen,
                rejected,
                new LinkedHashMap<>(storedCriteria),
                request.rationale(),
                context.shownOrder,
                pseudonyms.of(rater),
                activeMs,
                context.guidelineVersion,
                context.contentTags,
                false,
                now);
    }

    /** A submit for an assignment that is already judged: the first answer again, or 409. */
    private static Uni<Submitted> replay(
            Mutiny.Session session, UUID assignment, String requestHash, String idempotencyKey) {
        return session.createNativeQuery(
                        "select request_hash, idempotency_key, response from judgment where assignment_id = :id",
                        Object[].class)
                .setParameter("id", assignment)
                .getSingleResult()
                .map(row -> {
                    boolean sameBody = requestHash.equals(row[0]);
                    if (sameBody) {
                        return new Submitted((String) row[2], true);
                    }
                    if (idempotencyKey != null && Objects.equals(idempotencyKey, row[1])) {
                        throw new ApiException(
                                ProblemType.ALREADY_JUDGED, "this Idempotency-Key was used with a different judgment");
                    }
                    throw new ApiException(
                            ProblemType.ALREADY_JUDGED, "assignment " + assignment + " was already judged differently");
                });
    }

    private static <T> T read(Object json, TypeReference<T> type) {
        try {
            return STORED.readValue((String) json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
