package dev.fairwise.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented consensus rule, on votes where the right answer is plain. */
class ConsensusRuleTest {

    private static Consensus.Vote vote(String winner, String strength) {
        return new Consensus.Vote(winner, strength, Map.of());
    }

    @Test
    void theAnswerWithMoreVotesThanEveryOtherWins() {
        Consensus c = Consensus.of(List.of(vote("b", "clear"), vote("b", "strong"), vote("a", "slight")));
        assertThat(c.verdict()).isEqualTo("b");
        assertThat(c.split()).isFalse();
        assertThat(c.decisive()).isTrue();
        assertThat(c.votes())
                .containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("tie", 0), Map.entry("both_bad", 0));
        assertThat(c.agreement()).isEqualTo(2.0 / 3);
        assertThat(c.meanStrength()).isEqualTo((-2 - 3 + 1) / 3.0);
    }

    @Test
    void sharedMostVotesAreASplitRecordedAsATie() {
        Consensus twoWay = Consensus.of(List.of(vote("a", null), vote("b", null)));
        assertThat(twoWay.verdict()).isEqualTo("tie");
        assertThat(twoWay.split()).isTrue();
        assertThat(twoWay.decisive()).isFalse();

        Consensus threeWay = Consensus.of(List.of(vote("a", null), vote("both_bad", null), vote("tie", null)));
        assertThat(threeWay.verdict()).isEqualTo("tie");
        assertThat(threeWay.split()).isTrue();
        assertThat(threeWay.agreement()).isEqualTo(1.0 / 3);
    }

    @Test
    void bothBadCanWinAndIsNeverOnTheStrengthScale() {
        Consensus c = Consensus.of(List.of(vote("both_bad", null), vote("both_bad", null), vote("a", "strong")));
        assertThat(c.verdict()).isEqualTo("both_bad");
        assertThat(c.decisive()).isFalse();
        assertThat(c.meanStrength()).isEqualTo(3.0);
    }

    @Test
    void tiesCountZeroAndWinsWithoutAStrengthAreLeftOffTheScale() {
        assertThat(Consensus.of(List.of(vote("tie", null), vote("a", "strong"), vote("a", null)))
                        .meanStrength())
                .isEqualTo(1.5);
        assertThat(Consensus.of(List.of(vote("a", null), vote("both_bad", null)))
                        .meanStrength())
                .isNull();
    }

    @Test
    void eachCriterionGetsAVerdictByTheSameRule() {
        Consensus c = Consensus.of(List.of(
                new Consensus.Vote("a", null, Map.of("helpful", "a", "safe", "a")),
                new Consensus.Vote("a", null, Map.of("helpful", "a", "safe", "b")),
                new Consensus.Vote("b", null, Map.of("helpful", "tie", "safe", "tie"))));
        assertThat(c.criteria()).containsEntry("helpful", "a").containsEntry("safe", "tie");
    }
}
