package dev.fairwise.campaign;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A unit of rating work. Knows its own legal state changes; the database holds the other invariants. */
@Entity
@Table(name = "campaign")
public class Campaign {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String slug;
    String title;
    String instructions;

    @Column(name = "guideline_version")
    int guidelineVersion;

    @Convert(converter = Converters.CriteriaConverter.class)
    List<Criterion> criteria;

    @Column(name = "strength_required")
    boolean strengthRequired;

    @Column(name = "rationale_required")
    boolean rationaleRequired;

    int overlap;

    @Column(name = "pairing_strategy")
    @Convert(converter = Converters.StrategyConverter.class)
    PairingStrategy pairingStrategy;

    @Column(name = "baseline_model")
    String baselineModel;

    @Column(name = "per_prompt_cap")
    int perPromptCap;

    @Column(name = "pairing_seed")
    long pairingSeed;

    @Column(name = "lease_seconds")
    int leaseSeconds;

    @Convert(converter = Converters.StateConverter.class)
    CampaignState state;

    @Column(name = "pay_kind")
    @Convert(converter = Converters.PayKindConverter.class)
    PayTerms.Kind payKind;

    @Column(name = "pay_amount")
    BigDecimal payAmount;

    @Column(name = "pay_currency")
    String payCurrency;

    @Column(name = "estimated_seconds")
    int estimatedSeconds;

    /** The pilot's p75 active time per judgment; written by the submit that completes the pilot. */
    @Column(name = "pilot_ms")
    Long pilotMs;

    @Column(name = "pilot_judgments")
    Integer pilotJudgments;

    @Column(name = "pause_reason")
    String pauseReason;

    /** {@code global} or {@code per_campaign}. */
    String pseudonyms;

    /** The share of leases that are gold items, 0 to 0.5; may change at any time. */
    @Column(name = "gold_share")
    BigDecimal goldShare;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Version
    int version;

    public Long id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public CampaignState state() {
        return state;
    }

    public int overlap() {
        return overlap;
    }

    public PairingStrategy pairingStrategy() {
        return pairingStrategy;
    }

    /** Records of this campaign carry pseudonyms of their own, unlinkable to other campaigns'. */
    public boolean perCampaignPseudonyms() {
        return "per_campaign".equals(pseudonyms);
    }

    /** What a rater can expect to earn per hour, from the pilot once it is in, from the admin's estimate before. */
    PayEstimate estimate(BigDecimal floor) {
        return PayEstimate.of(payKind, payAmount, payCurrency, estimatedSeconds, pilotMs, floor);
    }

    /** Applies a life-cycle change, or fails with 409 when the current state does not allow it. */
    void apply(Transition transition, Instant now) {
        if (!transition.from.contains(state)) {
            throw new ApiException(
                    ProblemType.ILLEGAL_STATE_CHANGE,
                    "campaign '" + slug + "' is " + state.wire() + "; it cannot " + transition.verb);
        }
        state = transition.to;
        if (state != CampaignState.PAUSED) {
            pauseReason = null;
        }
        updatedAt = now;
    }

    /** The life cycle: draft, then active and paused in turn, then closed for good. */
    public enum Transition {
        ACTIVATE("be activated", Set.of(CampaignState.DRAFT), CampaignState.ACTIVE),
        PAUSE("be paused", Set.of(CampaignState.ACTIVE), CampaignState.PAUSED),
        RESUME("be resumed", Set.of(CampaignState.PAUSED), CampaignState.ACTIVE),
        CLOSE(
                "be closed",
                Set.of(CampaignState.DRAFT, CampaignState.ACTIVE, CampaignState.PAUSED),
                CampaignState.CLOSED);

        final String verb;
        final Set<CampaignState> from;
        final CampaignState to;

        Transition(String verb, Set<CampaignState> from, CampaignState to) {
            this.verb = verb;
            this.from = from;
            this.to = to;
        }
    }

    /**
     * Fails with 409 campaign-locked when a campaign that has left draft would change a rule that decides
     * how work is paired or judged: comparisons already made and judgments already given followed the old
     * rules. Sending a rule with its current value is not a change.
     */
    void requireRulesUnchanged(CampaignRequests.Update request) {
        if (state == CampaignState.DRAFT) {
            return;
        }
        java.util.List<String> changed = new java.util.ArrayList<>();
        check(changed, "criteria", request.criteria(), criteria);
        check(changed, "strength_required", request.strengthRequired(), strengthRequired);
        check(changed, "rationale_required", request.rationaleRequired(), rationaleRequired);
        check(changed, "overlap", request.overlap(), overlap);
        check(changed, "pairing_strategy", request.pairingStrategy(), pairingStrategy);
        check(changed, "baseline_model", request.baselineModel(), baselineModel);
        check(changed, "per_prompt_cap", request.perPromptCap(), perPromptCap);
        check(changed, "pairing_seed", request.pairingSeed(), pairingSeed);
        check(
                changed,
                "pseudonyms",
                request.pseudonyms() == null ? null : request.pseudonyms().wire(),
                pseudonyms);
        if (!changed.isEmpty()) {
            throw new ApiException(
                    ProblemType.CAMPAIGN_LOCKED,
                    "campaign '" + slug + "' is " + state.wire() + "; " + String.join(", ", changed)
                            + " can only change while it is a draft (title, instructions, lease_seconds, gold_share and a raise in pay can)");
        }
    }

    private static void check(java.util.List<String> changed, String field, Object requested, Object current) {
        if (requested != null && !requested.equals(current)) {
            changed.add(field);
        }
    }

    /** Fails with 409 when the campaign can no longer be edited. */
    void requireEditable() {
        if (state == CampaignState.CLOSED) {
            throw new ApiException(ProblemType.ILLEGAL_STATE_CHANGE, "campaign '" + slug + "' is closed");
        }
    }
}
