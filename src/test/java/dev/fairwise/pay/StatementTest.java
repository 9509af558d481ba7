package dev.fairwise.pay;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.fairwise.fairwork.PayPeriod;
import dev.fairwise.rater.Pseudonyms;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rater's statement lists every piece of paid work of a pay period, and tops each campaign's work up to
 * the floor; as JSON, as CSV, and for admins by pseudonym, never by login.
 */
@QuarkusTest
class StatementTest {
    @Inject
    Pseudonyms pseudonyms;

    /** A rater who judged one item (2 minutes, 0.10) and skipped another (90 seconds) in one week. */
    private record Worked(String rater, String campaign, PayPeriod period) {}

    private static Worked judgedAndSkipped() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("pay-statement", 2, Map.of());
        PayFixtures.payPerJudgment(campaign, "0.10");
        PayPeriod period = PayFixtures.startOfNextWeek(clock);
        String rater = PayFixtures.rater("stella");

        String judged = Rating.leaseId(rater, campaign);
        clock.advance(Duration.ofSeconds(120));
        Rating.submit(rater, judged, Map.of("winner", "a")).then().statusCode(201);
        String skipped = Rating.leaseId(rater, campaign);
        clock.advance(Duration.ofSeconds(90));
        Rating.skip(rater, skipped, Map.of("reason", "cannot_judge")).then().statusCode(200);
        return new Worked(rater, campaign, period);
    }

    private static Response statement(String rater, String period, String accept) {
        var request = given().auth().oauth2(Tokens.rater(rater)).accept(accept);
        if (period != null) {
            request.queryParam("period", period);
        }
        return request.get("/api/v1/me/statement");
    }

    @Test
    void aJudgmentAndASkipAreListedWithTheirActiveTimeAndToppedUpToTheFloor() {
        Worked w = judgedAndSkipped();

        // no period: the current one, by the service's clock
        JsonPath s = statement(w.rater(), null, "application/json")
                .then()
                .statusCode(200)
                .body("period", equalTo(w.period().id()))
                .body("start", equalTo(w.period().start().toString()))
                .body("end", equalTo(w.period().end().toString()))
                .body("rater", equalTo(pseudonyms.of(w.rater())))
                .body("truncated", equalTo(false))
                .body("entries", hasSize(2))
                .body("entries[0].campaign", equalTo(w.campaign()))
                .body("entries[0].kind", equalTo("judgment"))
                .body("entries[0].paid_ms", equalTo(120_000))
                .body("entries[0].amount", equalTo("0.10"))
                .body("entries[0].currency", equalTo("USD"))
                .body("entries[1].kind", equalTo("skip"))
                .body("entries[1].paid_ms", equalTo(90_000))
                .body("entries[1].amount", equalTo("0.00"))
                .body("campaigns", hasSize(1))
                .body("campaigns[0].campaign", equalTo(w.campaign()))
                .body("campaigns[0].pay_kind", equalTo("per_judgment"))
                .body("campaigns[0].paid_ms", equalTo(210_000))
                .body("campaigns[0].earnings", equalTo("0.10"))
                // 3.5 minutes at 15.00 an hour owe 0.875: 0.775 more, rounded up to the cent
                .body("campaigns[0].top_up", equalTo("0.78"))
                .body("campaigns[0].total", equalTo("0.88"))
                .body("campaigns[0].floor", equalTo("15.00"))
                .body("totals", hasSize(1))
                .body("totals[0].currency", equalTo("USD"))
                .body("totals[0].total", equalTo("0.88"))
                .extract()
                .jsonPath();
        BigDecimal effective = new BigDecimal(s.getString("campaigns[0].effective_hourly_pay"));
        assertThat(effective).isGreaterThanOrEqualTo(new BigDecimal(s.getString("campaigns[0].floor")));
        assertThat(effective).isEqualByComparingTo("15.08");
    }

    @Test
    void theCsvStatementHasOneRowPerEntryAndOneTopUpRowMatchingTheJson() {
        Worked w = judgedAndSkipped();
        JsonPath json = statement(w.rater(), w.period().id(), "application/json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        Response csv = statement(w.rater(), w.period().id(), "text/csv");
        csv.then().statusCode(200).header("Fairwise-Truncated", "false");
        assertThat(csv.contentType()).startsWith("text/csv");
        List<List<String>> rows = PayFixtures.csv(csv.asString());

        assertThat(rows.get(0))
                .containsExactly("period", "rater", "earned_at", "campaign", "kind", "paid_ms", "amount", "currency");
        assertThat(rows).hasSize(1 + 2 + 1);
        String rater = json.getString("rater");
        for (int i = 0; i < 2; i++) {
            String entry = "entries[" + i + "].";
            assertThat(rows.get(1 + i))
                    .containsExactly(
                            w.period().id(),
                            rater,
                            json.getString(entry + "earned_at"),
                            json.getString(entry + "campaign"),
                            json.getString(entry + "kind"),
                            Long.toString(json.getLong(entry + "paid_ms")),
                            json.getString(entry + "amount"),
                            json.getString(entry + "currency"));
        }
        assertThat(rows.get(3))
                .containsExactly(
                        w.period().id(),
                        rater,
                        "",
                        w.campaign(),
                        "top_up",
                        "0",
                        json.getString("campaigns[0].top_up"),
                        "USD");
        // the amount column sums to what the rater is paid
        BigDecimal sum = rows.subList(1, rows.size()).stream()
                .map(row -> new BigDecimal(row.get(6)))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(json.getString("totals[0].total"));
    }

    @Test
    void anAdminReadsTheSameStatementByPseudonymAndNeverSeesTheLogin() {
        Worked w = judgedAndSkipped();
        String pseudonym = pseudonyms.of(w.rater());
        PayFixtures.profile(w.rater(), pseudonym);
        String own = statement(w.rater(), w.period().id(), "application/json")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        for (String accept : List.of("application/json", "text/csv")) {
            String admin = given().auth()
                    .oauth2(Tokens.admin())
                    .accept(accept)
                    .queryParam("period", w.period().id())
                    .get("/api/v1/admin/raters/{pseudonym}/statement", pseudonym)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(admin).doesNotContain(w.rater());
            if (accept.equals("application/json")) {
                assertThat(new JsonPath(admin).getMap("$"))
                        .isEqualTo(new JsonPath(own).getMap("$"))
                        .containsEntry("rater", pseudonym);
            }
        }
        assertThat(own).doesNotContain(w.rater());
    }

    @Test
    void anUnknownPseudonymIsNotFound() {
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/raters/{pseudonym}/statement", "r-00000000000000000000000000000000")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://fairwise.dev/problems/not-found"));
    }

    @Test
    void aPeriodThatIsNotAnIsoWeekIsRejectedNamingPeriod() {
        for (String bad : List.of("2026-W54", "2026-11", "last-week", "2026-W4", "2026-w48")) {
            statement("pat", bad, "application/json")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://fairwise.dev/problems/validation"))
                    .body("errors[0].field", equalTo("period"));
        }
        given().auth()
                .oauth2(Tokens.admin())
                .queryParam("period", "2026-W00")
                .get("/api/v1/admin/raters/{pseudonym}/statement", "r-00000000000000000000000000000000")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
    }

    @Test
    void aRaterSeesOnlyTheirOwnWork() {
        Worked w = judgedAndSkipped();
        String other = PayFixtures.rater("otto");
        statement(other, w.period().id(), "application/json")
                .then()
                .statusCode(200)
                .body("rater", equalTo(pseudonyms.of(other)))
                .body("entries", empty())
                .body("campaigns", empty())
                .body("totals", empty());
        given().auth()
                .oauth2(Tokens.rater(other))
                .get("/api/v1/admin/raters/{pseudonym}/statement", pseudonyms.of(w.rater()))
                .then()
                .statusCode(403);
    }

    @Test
    void breaksAppearWithTheirPaidTimeAndUnpaidBreaksWithNone() {
        String campaign = Fixtures.createCampaign("pay-breaks", Map.of()); // hourly, 15.00 USD by default
        String rater = PayFixtures.rater("bree");
        insertEntry(rater, campaign, "break", "paid", 600_000, "2.500000", "2026-03-03T10:00:00Z");
        insertEntry(rater, campaign, "break", "unpaid", 0, "0", "2026-03-03T12:00:00Z");

        statement(rater, "2026-W10", "application/json")
                .then()
                .statusCode(200)
                .body("entries", hasSize(2))
                .body("entries[0].kind", equalTo("break"))
                .body("entries[0].paid_ms", equalTo(600_000))
                .body("entries[0].amount", equalTo("2.50"))
                .body("entries[1].kind", equalTo("break"))
                .body("entries[1].paid_ms", equalTo(0))
                .body("entries[1].amount", equalTo("0.00"))
                .body("campaigns[0].pay_kind", equalTo("hourly"))
                .body("campaigns[0].top_up", equalTo("0.00"))
                .body("campaigns[0].effective_hourly_pay", equalTo("15.00"));
    }

    @Test
    void aStatementListsAtMostTenThousandEntriesAndCountsThemAll() {
        String campaign = Fixtures.createCampaign("pay-many", Map.of());
        String rater = PayFixtures.rater("max");
        Sql.update("""
                insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)
                select ?, k.id, 'judgment', ? || '-' || g, 1000, 0.01, 'USD', 'per_judgment',
                       timestamptz '2026-03-09T00:00:00Z' + g * interval '1 second'
                from campaign k cross join generate_series(1, 10001) as g
                where k.slug = ?""", rater, rater, campaign);

        statement(rater, "2026-W11", "application/json")
                .then()
                .statusCode(200)
                .body("truncated", equalTo(true))
                .body("entries", hasSize(PayService.MAX_ENTRIES))
                .body("campaigns[0].paid_ms", equalTo(10_001_000))
                .body("campaigns[0].earnings", equalTo("100.01"));
        statement(rater, "2026-W11", "text/csv").then().statusCode(200).header("Fairwise-Truncated", "true");
    }

    private static void insertEntry(
            String rater, String campaign, String kind, String ref, long paidMs, String amount, String earnedAt) {
        Sql.update("""
                insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)
                select ?, id, ?, ?, ?, ?, pay_currency, pay_kind, ?::timestamptz from campaign where slug = ?""", rater, kind, rater + "-" + ref, paidMs, new BigDecimal(amount), earnedAt, campaign);
    }
}
