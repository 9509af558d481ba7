package dev.fairwise.pay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A campaign's transparency report, on a small campaign built to known figures: four raters (one with no
 * paid time), one topped up to the floor, items warned of violence and medical content, skips of two
 * reasons, three flags of which two were answered after two and four hours.
 */
@QuarkusTest
class TransparencyReportTest {
    private record Built(String campaign, List<String> raters) {}

    /**
     * Per judgment 1.00 USD, one week: amy judges in 60 s (60.00 an hour), ben in 200 s (18.00), cy skips a
     * violent item as distressing after 120 s and another as cannot-judge after 60 s (nothing earned: topped
     * up by 0.75 to 15.00 an hour), dee skips an unwarned item as distressing at once (no paid time).
     */
    private static Built built() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("pay-transparency", 5, Map.of());
        PayFixtures.payPerJudgment(campaign, "1.00");
        PayFixtures.startOfNextWeek(clock);
        String amy = PayFixtures.rater("amy");
        String ben = PayFixtures.rater("ben");
        String cy = PayFixtures.rater("cy");
        String dee = PayFixtures.rater("dee");

        String a = Rating.leaseId(amy, campaign);
        warned(a, "{medical,violence}", clock.instant());
        clock.advance(Duration.ofSeconds(60));
        Rating.submit(amy, a, Map.of("winner", "a")).then().statusCode(201);

        String b = Rating.leaseId(ben, campaign);
        clock.advance(Duration.ofSeconds(200));
        Rating.submit(ben, b, Map.of("winner", "b")).then().statusCode(201);

        String c1 = Rating.leaseId(cy, campaign);
        warned(c1, "{violence}", clock.instant());
        clock.advance(Duration.ofSeconds(120));
        Rating.skip(cy, c1, Map.of("reason", "distressing")).then().statusCode(200);
        String c2 = Rating.leaseId(cy, campaign);
        clock.advance(Duration.ofSeconds(60));
        Rating.skip(cy, c2, Map.of("reason", "cannot_judge")).then().statusCode(200);

        String d = Rating.leaseId(dee, campaign);
        Rating.skip(dee, d, Map.of("reason", "distressing")).then().statusCode(200);

        Instant flagged = clock.instant();
        flag(a, "distressing", flagged, flagged.plus(Duration.ofHours(2)));
        flag(b, "broken_item", flagged, flagged.plus(Duration.ofHours(4)));
        Sql.update("""
                insert into flag (id, assignment_id, campaign_id, rater, kind, note, created_at)
                select gen_random_uuid(), id, campaign_id, rater, 'unclear_guideline', 'which one?', ?
                from assignment where id = ?::uuid""", flagged, c2);
        return new Built(campaign, List.of(amy, ben, cy, dee));
    }

    /** What the wellbeing code records at lease time: the categories warned of, here revealed at once. */
    private static void warned(String assignment, String categories, Instant revealedAt) {
        Sql.update(
                "update assignment set warned = ?::text[], revealed_at = ? where id = ?::uuid",
                categories,
                revealedAt,
                assignment);
    }

    private static void flag(String assignment, String kind, Instant created, Instant answered) {
        Sql.update("""
                insert into flag (id, assignment_id, campaign_id, rater, kind, created_at, answer, answered_at)
                select gen_random_uuid(), id, campaign_id, rater, ?, ?, 'thank you, fixed', ?
                from assignment where id = ?::uuid""", kind, created, answered, assignment);
    }

    private static Response report(String campaign, String accept) {
        return given().auth()
                .oauth2(Tokens.admin())
                .accept(accept)
                .get("/api/v1/admin/campaigns/{slug}/transparency", campaign);
    }

    @Test
    void theJsonReportHasTheCampaignsFigures() {
        Built built = built();
        String body = report(built.campaign(), "application/json")
                .then()
                .statusCode(200)
                .body("campaign", equalTo(built.campaign()))
                .body("state", equalTo("active"))
                .body("pay_terms.pay_kind", equalTo("per_judgment"))
                .body("pay_terms.amount", equalTo("1.00"))
                .body("pay_terms.currency", equalTo("USD"))
                .body("pay_terms.floor", equalTo("15.00"))
                .body("pay_terms.pay_period", equalTo("week"))
                .body("pay.raters", equalTo(4))
                .body("pay.paid_ms", equalTo(440_000))
                .body("pay.paid_hours", equalTo(0.1222f))
                .body("pay.effective_hourly_pay.raters", equalTo(3))
                .body("pay.effective_hourly_pay.min", equalTo("15.00"))
                // percentile_cont(0.1) of 15, 18, 60: 15 + 0.2 × 3
                .body("pay.effective_hourly_pay.p10", equalTo("15.60"))
                .body("pay.effective_hourly_pay.median", equalTo("18.00"))
                .body("pay.top_ups.count", equalTo(1))
                .body("pay.top_ups.total", equalTo("0.75"))
                .body("exposure", hasSize(2))
                .body("exposure[0].category", equalTo("medical"))
                .body("exposure[0].warned", equalTo(1))
                .body("exposure[0].revealed", equalTo(1))
                .body("exposure[0].distressing_skips", equalTo(0))
                .body("exposure[1].category", equalTo("violence"))
                .body("exposure[1].warned", equalTo(2))
                .body("exposure[1].revealed", equalTo(2))
                .body("exposure[1].distressing_skips", equalTo(1))
                .body("distressing_skips_unwarned", equalTo(1))
                .body("skips", hasSize(2))
                .body("skips[0].reason", equalTo("cannot_judge"))
                .body("skips[0].skips", equalTo(1))
                .body("skips[1].reason", equalTo("distressing"))
                .body("skips[1].skips", equalTo(2))
                .body("flags.total", equalTo(3))
                .body("flags.answered", equalTo(2))
                .body("flags.open", equalTo(1))
                .body("flags.median_answer_ms", equalTo(3 * 3_600_000))
                .body("flags.max_answer_ms", equalTo(4 * 3_600_000))
                .body("flags.by_kind[0].kind", equalTo("broken_item"))
                .body("flags.by_kind[1].kind", equalTo("distressing"))
                .body("flags.by_kind[2].kind", equalTo("unclear_guideline"))
                .body("flags.by_kind[2].answered", equalTo(0))
                .extract()
                .asString();
        built.raters().forEach(rater -> assertThat(body).doesNotContain(rater));
    }

    @Test
    void theMarkdownReportHasTheSameFigures() {
        Built built = built();
        Response response = report(built.campaign(), "text/markdown");
        response.then().statusCode(200);
        assertThat(response.contentType()).startsWith("text/markdown");
        String md = response.asString();
        assertThat(md)
                .startsWith("# Transparency report: Test pay-transparency\n")
                .contains("Campaign `" + built.campaign() + "` (active)")
                .contains("| Pay | 1.00 USD per judgment |")
                .contains("| Floor | 15.00 USD per hour of active time |")
                .contains("per rater, per week and per campaign")
                .contains("| Raters | 4 |")
                .contains("| Paid hours | 0.1222 |")
                .contains("| Effective hourly pay, lowest | 15.00 USD |")
                .contains("| Effective hourly pay, 10th percentile | 15.60 USD |")
                .contains("| Effective hourly pay, median | 18.00 USD |")
                .contains("| Top-ups | 1, totalling 0.75 USD |")
                .contains("| `medical` | 1 | 1 | 0 |")
                .contains("| `violence` | 2 | 2 | 1 |")
                .contains("Items skipped as distressing that carried no warning: 1.")
                .contains("| cannot judge | 1 |")
                .contains("| distressing | 2 |")
                .contains("| broken item | 1 | 1 |")
                .contains("| unclear guideline | 1 | 0 |")
                .contains("3 flags: 2 answered, 1 open. Time to answer: median 3 h 0 min, longest 4 h 0 min.");
        built.raters().forEach(rater -> assertThat(md).doesNotContain(rater));
    }

    @Test
    void aCampaignWithoutWorkHasAnEmptyReport() {
        String campaign = Fixtures.createCampaign("pay-quiet", Map.of());
        report(campaign, "application/json")
                .then()
                .statusCode(200)
                .body("state", equalTo("draft"))
                .body("pay_terms.pay_kind", equalTo("hourly"))
                .body("pay_terms.amount", equalTo("15.00"))
                .body("pay.raters", equalTo(0))
                .body("pay.effective_hourly_pay.min", nullValue())
                .body("pay.effective_hourly_pay.median", nullValue())
                .body("pay.top_ups.total", equalTo("0.00"))
                .body("flags.median_answer_ms", nullValue());
        assertThat(report(campaign, "text/markdown").asString())
                .contains("| Effective hourly pay, median | none (no paid time) |")
                .contains("No item carried a warning.")
                .contains("No item was skipped.")
                .contains("No flag was raised.");
    }

    @Test
    void markupInTheTitleIsShownAsText() {
        String campaign = Fixtures.createCampaign("pay-markup", Map.of());
        Sql.update(
                "update campaign set title = ? where slug = ?", "<script>x</script> *bold* [link](http://x)", campaign);
        assertThat(report(campaign, "text/markdown").asString())
                .startsWith("# Transparency report: &lt;script&gt;x&lt;/script&gt; \\*bold\\* \\[link\\](http://x)\n");
    }

    @Test
    void anUnknownCampaignIsNotFound() {
        report("no-such-campaign", "application/json")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://fairwise.dev/problems/not-found"));
        report("no-such-campaign", "text/markdown").then().statusCode(404);
    }

    @Test
    void ratersCannotReadIt() {
        given().auth()
                .oauth2(Tokens.rater("ray"))
                .get("/api/v1/admin/campaigns/{slug}/transparency", "any")
                .then()
                .statusCode(403);
    }
}
