package dev.fairwise.judgment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fairwise.api.ApiException;
import dev.fairwise.api.JsonConfig;
import dev.fairwise.api.ProblemType;
import dev.fairwise.assignment.AssignmentStore;
import dev.fairwise.assignment.AssignmentStore.Submission;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.campaign.Pilot;
import dev.fairwise.fairwork.FairWorkConfig;
import dev.fairwise.ingest.Message;
import dev.fairwise.kafka.TopicsConfig;
import dev.fairwise.outbox.OutboxRelay;
import dev.fairwise.outbox.OutboxStore;
import dev.fairwise.outbox.OutboxTracing;
import dev.fairwise.quality.Consensus;
import dev.fairwise.quality.ConsensusRecord;
import dev.fairwise.quality.ConsensusStore;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.rater.RaterConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
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

/**
 * Accepts judgments. In one transaction: the lease is checked to be the caller's and live, the judgment is
 * stored, the assignment ended, the comparison's counts updated, and the preference record written to the
 * outbox. A 201 is answered only after that transaction committed; nothing here talks to Kafka.
 */
@ApplicationScoped
public class JudgmentService {
    private final Pool pool;
    private final OutboxRelay relay;
    private final Clock clock;
    private final RaterConfig config;
    private final Pseudonyms pseudonyms;
    private final TopicsConfig topics;
    private final FairWorkConfig fairWork;
    private final ObjectMapper json = JsonConfig.records();
    private final ObjectMapper canonical = JsonConfig.configure(new ObjectMapper())
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    JudgmentService(
            Pool pool,
            OutboxRelay relay,
            Clock clock,
            RaterConfig config,
            Pseudonyms pseudonyms,
            TopicsConfig topics,
            FairWorkConfig fairWork) {
        this.fairWork = fairWork;
        this.pool = pool;
        this.relay = relay;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
        this.topics = topics;
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
        Instant now = clock.instant();
        // Read here, on the request's own thread, where the HTTP server span is current.
        String traceparent = OutboxTracing.currentTraceparent();
        return pool.withTransaction(db -> AssignmentStore.submission(
                                db, assignment, rater, now, config.idleCutoff().toMillis())
                        .chain(context -> {
                            if ("submitted".equals(context.state())) {
                                return replay(db, assignment, requestHash, idempotencyKey);
                            }
                            if (!"live".equals(context.state())
                                    || !context.deadline().isAfter(now)) {
                                return AssignmentStore.<Submitted>failure(db, assignment, rater, now, false);
                            }
                            validate(request, context);
                            if ("closed".equals(context.campaignState())) {
                                throw AssignmentStore.closed(assignment);
                            }
                            if (context.hidden()) {
                                throw new ApiException(
                                        ProblemType.REVEAL_REQUIRED,
                                        "assignment " + assignment
                                                + " carries a content warning; reveal it (POST /api/v1/assignments/"
                                                + assignment + "/reveal) or skip it");
                            }
                            return accept(
                                    db,
                                    assignment,
                                    rater,
                                    request,
                                    requestHash,
                                    idempotencyKey,
                                    context,
                                    now,
                                    traceparent);
                        }))
                // the relay sends the new record now rather than at its next poll
                .invoke(submitted -> {
                    if (!submitted.replayed()) {
                        relay.wake();
                    }
                });
    }

    private void validate(JudgmentRequest request, Submission context) {
        boolean decided = request.winner().decided();
        if (request.strength() == null && decided && context.strengthRequired()) {
            throw ApiException.invalid("strength", "is required by this campaign when there is a winner");
        }
        if (request.strength() != null && !decided) {
            throw ApiException.invalid("strength", "must be absent for a tie or both_bad");
        }
        Set<String> wanted = context.criteria().stream().map(Criterion::name).collect(Collectors.toSet());
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
        if (context.rationaleRequired() && (rationale == null || rationale.isBlank())) {
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
            SqlConnection db,
            UUID assignment,
            String rater,
            JudgmentRequest request,
            String requestHash,
            String idempotencyKey,
            Submission context,
            Instant now,
            String traceparent) {
        long activeMs = context.activeMsNow();
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
        String strength = request.strength() == null ? null : request.strength().wire();
        JudgmentView view = new JudgmentView(
                judgmentId,
                assignment,
                context.campaign(),
                request.winner().wire(),
                strength,
                slotCriteria,
                request.rationale(),
                flags,
                activeMs,
                now,
                context.gold()
                        ? new JudgmentView.GoldFeedback(
                                context.stored(context.goldVerdict()),
                                context.goldExplanation(),
                                context.goldVerdict().equals(storedWinner))
                        : null);
        String body = write(json, view);
        String payload = write(
                json, preference(judgmentId, rater, request, context, storedWinner, storedCriteria, activeMs, now));
        JudgmentStore.NewJudgment judgment = new JudgmentStore.NewJudgment(
                judgmentId,
                assignment,
                context.comparisonId(),
                context.campaignId(),
                rater,
                storedWinner,
                strength,
                write(json, storedCriteria),
                request.rationale(),
                write(json, flags),
                activeMs,
                requestHash,
                idempotencyKey,
                body,
                now);
        // The assignment ends (its comparison counts the judgment), the judgment is stored and its record
        // queued for the preferences topic: all or nothing, under the comparison's row lock.
        return AssignmentStore.endSubmitted(db, assignment, rater, now, activeMs)
                .chain(ended -> ended
                        ? JudgmentStore.insert(db, judgment)
                                .chain(() -> OutboxStore.enqueue(
                                        db,
                                        judgmentId,
                                        topics.preferences(),
                                        context.promptKey(),
                                        payload,
                                        now,
                                        traceparent))
                                .chain(() -> context.completes() && !context.gold()
                                        ? consensus(db, context, now, traceparent)
                                        : Uni.createFrom().voidItem())
                                .chain(() -> context.pilotOpen()
                                        ? Pilot.completeIfDue(
                                                db,
                                                context.campaignId(),
                                                fairWork.pilotJudgments(),
                                                fairWork.floorOf(context.payCurrency())
                                                        .orElse(BigDecimal.ZERO),
                                                now)
                                        : Uni.createFrom().voidItem())
                                .replaceWith(new Submitted(body, false))
                        : AssignmentStore.<Submitted>failure(db, assignment, rater, now, false));
    }

    private PreferenceRecord preference(
            UUID judgmentId,
            String rater,
            JudgmentRequest request,
            Submission context,
            String storedWinner,
            Map<String, String> storedCriteria,
            long activeMs,
            Instant now) {
        return PreferenceRecord.of(
                judgmentId,
                context.campaign(),
                context.comparisonId(),
                context.promptKey(),
                context.prompt(),
                completionA(context),
                completionB(context),
                storedWinner,
                request.strength() == null ? null : request.strength().wire(),
                new LinkedHashMap<>(storedCriteria),
                request.rationale(),
                context.shownOrder(),
                pseudonyms.of(rater, context.campaign(), context.perCampaignPseudonyms()),
                activeMs,
                context.guidelineVersion(),
                context.contentTags(),
                context.gold(),
                now);
    }

    /** Completion a of the comparison (its stored completion_lo), as preference and consensus records carry it. */
    private static PreferenceRecord.Side completionA(Submission context) {
        return new PreferenceRecord.Side(context.loKey(), context.loModel(), context.loResponse());
    }

    private static PreferenceRecord.Side completionB(Submission context) {
        return new PreferenceRecord.Side(context.hiKey(), context.hiModel(), context.hiResponse());
    }

    /** The response a verdict in stored order prefers (TRL's chosen); null unless a or b won. */
    private static List<Message> chosen(Submission context, String verdict) {
        return PreferenceRecord.chosen(completionA(context), completionB(context), verdict);
    }

    /** The response a verdict in stored order turns down (TRL's rejected); null unless a or b won. */
    private static List<Message> rejected(Submission context, String verdict) {
        return PreferenceRecord.rejected(completionA(context), completionB(context), verdict);
    }

    /**
     * The submit that brings a comparison to its overlap decides its consensus, stores it and queues its
     * record for the consensus topic, in this transaction (the comparison's row lock is held, so its
     * judgments are all there and no other submit can add one).
     */
    private Uni<Void> consensus(SqlConnection db, Submission context, Instant now, String traceparent) {
        return ConsensusStore.votes(db, context.comparisonId()).chain(voted -> {
            Consensus consensus =
                    Consensus.of(voted.stream().map(ConsensusStore.Voted::vote).toList());
            ConsensusRecord record = new ConsensusRecord(
                    ConsensusRecord.SCHEMA,
                    context.comparisonId(),
                    context.campaign(),
                    context.promptKey(),
                    context.prompt(),
                    completionA(context),
                    completionB(context),
                    consensus.verdict(),
                    consensus.split(),
                    consensus.votes(),
                    consensus.judgments(),
                    consensus.agreement(),
                    consensus.meanStrength(),
                    consensus.criteria(),
                    chosen(context, consensus.verdict()),
                    rejected(context, consensus.verdict()),
                    voted.stream()
                            .map(v -> pseudonyms.of(v.rater(), context.campaign(), context.perCampaignPseudonyms()))
                            .toList(),
                    voted.stream().map(ConsensusStore.Voted::id).toList(),
                    context.contentTags(),
                    now);
            return ConsensusStore.insert(
                            db,
                            context.comparisonId(),
                            context.campaignId(),
                            consensus,
                            write(json, consensus.criteria()),
                            now)
                    .chain(() -> OutboxStore.enqueue(
                            db,
                            context.comparisonId(),
                            topics.consensus(),
                            context.promptKey(),
                            write(json, record),
                            now,
                            traceparent));
        });
    }

    /** A submit for an assignment that is already judged: the first answer again, or 409. */
    private static Uni<Submitted> replay(SqlConnection db, UUID assignment, String requestHash, String idempotencyKey) {
        return JudgmentStore.earlier(db, assignment).map(earlier -> {
            if (requestHash.equals(earlier.requestHash())) {
                return new Submitted(earlier.response(), true);
            }
            if (idempotencyKey != null && Objects.equals(idempotencyKey, earlier.idempotencyKey())) {
                throw new ApiException(
                        ProblemType.ALREADY_JUDGED, "this Idempotency-Key was used with a different judgment");
            }
            throw new ApiException(
                    ProblemType.ALREADY_JUDGED, "assignment " + assignment + " was already judged differently");
        });
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
