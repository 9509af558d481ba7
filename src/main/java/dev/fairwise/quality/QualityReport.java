package dev.fairwise.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Turns a campaign's judgments into its quality report: agreement per question over the regular comparisons
 * (gold items are controls, counted per rater only), one row per rater, and the review reasons each rater's
 * figures cross. Pure: the database reads and the reviews it raises are {@link QualityService}'s.
 */
final class QualityReport {
    private QualityReport() {}

    /** A rater whose figures crossed a threshold, and the evidence for the review. */
    record Flagged(String rater, List<String> reasons, Map<String, Object> evidence) {}

    /** The report and the raters it flags (by login). */
    record Computed(QualityViews.CampaignQuality report, List<Flagged> flagged) {}

    /** Thresholds and minimums, from configuration. */
    record Rules(
            int minJudgments,
            int minGoldJudgments,
            double goldAccuracyBelow,
            double consensusAgreementBelow,
            double fastRatio) {
        static Rules of(QualityConfig config) {
            return new Rules(
                    config.minJudgments(),
                    config.minGoldJudgments(),
                    config.goldAccuracyBelow(),
                    config.consensusAgreementBelow(),
                    config.fastRatio());
        }

        QualityViews.Definitions definitions() {
            return new QualityViews.Definitions(minJudgments, minGoldJudgments, Agreement.RESAMPLES, Agreement.SEED);
        }
    }

    static Computed compute(
            QualityStore.CampaignInfo campaign,
            List<Fact> facts,
            Map<String, Long> skips,
            long consensus,
            Rules rules,
            Function<String, String> pseudonym,
            java.time.Instant now,
            long startedNanos,
            Executor executor) {
        // ordered by comparison, so the bootstrap (a fixed seed drawing units by position) gives the same
        // interval for the same judgments whatever order the database returned them in
        Map<UUID, List<Fact>> byComparison = new TreeMap<>();
        for (Fact f : facts) {
            byComparison
                    .computeIfAbsent(f.comparison(), c -> new ArrayList<>(campaign.overlap()))
                    .add(f);
        }
        List<int[]> verdicts = new ArrayList<>();
        List<int[]> strengths = new ArrayList<>();
        Map<String, List<int[]>> criteria = new TreeMap<>();
        long[] regularActive = new long[facts.size()];
        int regularActiveCount = 0;
        long regular = 0;
        long gold = 0;
        for (List<Fact> group : byComparison.values()) {
            if (group.get(0).goldVerdict() != null) {
                gold += group.size();
                continue;
            }
            regular += group.size();
            int[] v = new int[group.size()];
            int[] s = new int[group.size()];
            int onScale = 0;
            Map<String, int[]> answers = new HashMap<>();
            Map<String, Integer> answered = new HashMap<>();
            for (int i = 0; i < group.size(); i++) {
                Fact f = group.get(i);
                regularActive[regularActiveCount++] = f.activeMs();
                v[i] = Codes.verdict(f.winner());
                Integer signed = Consensus.signedStrength(f.winner(), f.strength());
                if (signed != null) {
                    s[onScale++] = signed;
                }
                for (Map.Entry<String, String> c : f.criteria().entrySet()) {
                    int[] codes = answers.computeIfAbsent(c.getKey(), k -> new int[group.size()]);
                    int n = answered.merge(c.getKey(), 1, Integer::sum);
                    codes[n - 1] = Codes.verdict(c.getValue());
                }
            }
            verdicts.add(v);
            strengths.add(java.util.Arrays.copyOf(s, onScale));
            answers.forEach((name, codes) -> criteria.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(java.util.Arrays.copyOf(codes, answered.get(name))));
        }
        // The studies are independent, and on a large campaign each takes a few hundred milliseconds (dkpro's
        // point estimates, the bootstrap's draws): they run side by side, the verdict's on this thread.
        CompletableFuture<QualityViews.Estimate> strength = CompletableFuture.supplyAsync(
                () -> QualityViews.Estimate.of(Agreement.study(strengths).alphaOrdinal()), executor);
        List<CompletableFuture<QualityViews.Figures>> criteriaStudies = new ArrayList<>();
        criteria.forEach((name, units) -> criteriaStudies.add(CompletableFuture.supplyAsync(
                () -> {
                    Agreement.Study study = Agreement.study(units);
                    return new QualityViews.Figures(
                            name,
                            QualityViews.Estimate.of(study.alphaNominal()),
                            null,
                            QualityViews.Estimate.of(study.percentAgreement()),
                            QualityViews.Estimate.of(study.fleissKappa(campaign.overlap())));
                },
                executor)));
        Agreement.Study verdictStudy = Agreement.study(verdicts);
        QualityViews.Figures verdict = new QualityViews.Figures(
                "verdict",
                QualityViews.Estimate.of(verdictStudy.alphaNominal()),
                strength.join(),
                QualityViews.Estimate.of(verdictStudy.percentAgreement()),
                QualityViews.Estimate.of(verdictStudy.fleissKappa(campaign.overlap())));
        List<QualityViews.Figures> criteriaFigures =
                criteriaStudies.stream().map(CompletableFuture::join).toList();

        Long campaignMedian = RaterTally.median(regularActive, regularActiveCount);
        Map<String, RaterTally> tallies = RaterTally.of(byComparison.values());
        List<QualityViews.RaterQuality> raters = new ArrayList<>();
        List<Flagged> flagged = new ArrayList<>();
        for (String rater : new TreeSet<>(tallies.keySet())) {
            RaterTally t = tallies.get(rater);
            QualityViews.RaterQuality row =
                    row(pseudonym.apply(rater), t, skips.getOrDefault(rater, 0L), campaignMedian, rules);
            raters.add(row);
            List<String> reasons = reasons(row, t, rules);
            if (!reasons.isEmpty()) {
                flagged.add(new Flagged(rater, reasons, evidence(row, t, campaignMedian, rules)));
            }
        }
        raters.sort(java.util.Comparator.comparing(QualityViews.RaterQuality::rater));
        QualityViews.CampaignQuality report = new QualityViews.CampaignQuality(
                campaign.slug(),
                campaign.overlap(),
                regular,
                gold,
                verdicts.size(),
                consensus,
                campaignMedian,
                verdict,
                criteriaFigures,
                raters,
                List.of(),
                rules.definitions(),
                now,
                (System.nanoTime() - startedNanos) / 1_000_000);
        return new Computed(report, flagged);
    }

    /** One rater's row, by the same definitions for the admin report and the rater's own figures. */
    static QualityViews.RaterQuality row(String pseudonym, RaterTally t, long skips, Long campaignMedian, Rules rules) {
        if (t.judgments < rules.minJudgments()) {
            return new QualityViews.RaterQuality(
                    pseudonym, "not_enough_data", t.judgments, t.gold, null, null, null, null, null, null);
        }
        Long median = t.medianActiveMs();
        return new QualityViews.RaterQuality(
                pseudonym,
                "ok",
                t.judgments,
                t.gold,
                QualityViews.Proportion.of(t.consensusAgreed, t.consensusCounted),
                QualityViews.Proportion.of(t.firstShown, t.decisive),
                median,
                QualityViews.Proportion.of(skips, skips + t.judgments),
                t.gold >= rules.minGoldJudgments() ? QualityViews.Proportion.of(t.goldCorrect, t.gold) : null,
                campaignMedian == null || campaignMedian == 0 || median == null
                        ? null
                        : (double) median / campaignMedian);
    }

    /**
     * The thresholds a rater's figures cross. An interval's upper bound must lie below a threshold, so a
     * review needs evidence, not bad luck on a few items.
     */
    private static List<String> reasons(QualityViews.RaterQuality row, RaterTally t, Rules rules) {
        List<String> reasons = new ArrayList<>();
        if (!"ok".equals(row.status())) {
            return reasons;
        }
        if (row.goldAccuracy() != null && row.goldAccuracy().high() < rules.goldAccuracyBelow()) {
            reasons.add("gold_accuracy");
        }
        if (row.consensusAgreement() != null
                && t.consensusCounted >= rules.minJudgments()
                && row.consensusAgreement().high() < rules.consensusAgreementBelow()) {
            reasons.add("consensus_agreement");
        }
        if (row.fastRatio() != null && row.fastRatio() < rules.fastRatio()) {
            reasons.add("fast_judgments");
        }
        return reasons;
    }

    private static Map<String, Object> evidence(
            QualityViews.RaterQuality row, RaterTally t, Long campaignMedian, Rules rules) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("figures", row);
        evidence.put("campaign_median_active_ms", campaignMedian);
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("gold_accuracy_below", rules.goldAccuracyBelow());
        thresholds.put("consensus_agreement_below", rules.consensusAgreementBelow());
        thresholds.put("fast_ratio_below", rules.fastRatio());
        evidence.put("thresholds", thresholds);
        Map<String, Object> examples = new LinkedHashMap<>();
        examples.put("missed_gold", t.missedGold);
        examples.put("against_consensus", t.againstConsensus);
        examples.put("fastest", t.fastestExamples());
        evidence.put("example_comparisons", examples);
        return evidence;
    }
}
