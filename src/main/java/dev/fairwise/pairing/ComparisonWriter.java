package dev.fairwise.pairing;

import dev.fairwise.campaign.PairingStrategy;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Pairs a newly stored completion with the earlier completions of its prompt, inside the caller's
 * transaction. The caller holds the prompt's row lock, so the per-prompt cap read here cannot be raced
 * by a concurrent ingest of the same prompt; the unique (completion_lo, completion_hi) constraint makes
 * a repeated pair impossible whatever happens.
 */
@ApplicationScoped
public class ComparisonWriter {

    /** The pairing settings of the completion's campaign. */
    public record Settings(long campaignId, PairingStrategy strategy, String baselineModel, int cap, long seed) {}

    /** Creates the comparisons for {@code added}; answers how many were created. */
    public Uni<Integer> pair(
            Mutiny.Session session,
            Settings settings,
            long promptRowId,
            String promptKey,
            PairPlanner.Candidate added) {
        return session.createNativeQuery(
                        "select c.id, c.completion_key, c.model, p.comparisons from completion c"
                                + " join prompt p on p.id = c.prompt_id"
                                + " where c.prompt_id = :prompt and c.id <> :added",
                        Object[].class)
                .setParameter("prompt", promptRowId)
                .setParameter("added", added.id())
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    int existing = ((Number) rows.get(0)[3]).intValue();
                    List<PairPlanner.Candidate> earlier = rows.stream()
                            .map(r -> new PairPlanner.Candidate(
                                    ((Number) r[0]).longValue(), (String) r[1], (String) r[2]))
                            .toList();
                    List<Long> partners = PairPlanner.partners(
                                    settings.strategy(),
                                    settings.baselineModel(),
                                    settings.seed(),
                                    promptKey,
                                    added,
                                    earlier,
                                    settings.cap() - existing)
                            .stream()
                            .map(PairPlanner.Candidate::id)
                            .toList();
                    if (partners.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return session.createNativeQuery(
                                    "with made as ("
                                            + " insert into comparison (campaign_id, prompt_id, completion_lo, completion_hi)"
                                            + " select :campaign, :prompt, least(id, :added), greatest(id, :added)"
                                            + " from completion where id in (:partners)"
                                            + " on conflict (completion_lo, completion_hi) do nothing returning 1)"
                                            + " update prompt set comparisons = comparisons + (select count(*) from made)"
                                            + " where id = :prompt returning comparisons",
                                    Integer.class)
                            .setParameter("campaign", settings.campaignId())
                            .setParameter("prompt", promptRowId)
                            .setParameter("added", added.id())
                            .setParameter("partners", partners)
                            .getSingleResult()
                            .map(total -> total - existing);
                });
    }
}
