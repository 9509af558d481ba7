package dev.fairwise.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import dev.fairwise.assignment.GoldDraw;
import dev.fairwise.support.Completions;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The leaderboard endpoints on campaigns judged through the API: which judgments are battles, how a winner in
 * stored order becomes a model's win, the problem when a rating is not determined, and the SVG chart.
 */
@QuarkusTest
class LeaderboardTest {
    private static final String PROBLEMS = "https://fairwise.dev/problems/";

    /** Who wins a comparison shown as (model on a, model on b) of prompt {@code prompt}: a, b or tie. */
    interface Judge {
        String winner(int prompt, String modelA, String modelB);
    }

    /**
     * An active campaign with {@code prompts} prompts, each with one completion per entry of {@code models} (a
     * model may be listed twice), paired all against all; answers the slug and fills {@code modelOfAnswer} with
     * the model behind each response text.
     */
    static String campaign(
            String prefix,
            int prompts,
            List<String> models,
            Map<String, Object> settings,
            Map<String, String> modelOfAnswer) {
        String campaign = Fixtures.activeCampaign(prefix, settings);
        List<Object> batch = new ArrayList<>();
        for (int p = 0; p < prompts; p++) {
            for (int m = 0; m < models.size(); m++) {
                String id = campaign + "-p" + p + "-c" + m;
                batch.add(Completions.record(campaign, campaign + "-p" + p, id, models.get(m)));
                modelOfAnswer.put(Completions.answer(id), models.get(m));
            }
        }
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("completions", batch))
                .post("/api/v1/completions")
                .then()
                .statusCode(200);
        return campaign;
    }

    /** Leases and judges until nothing is left; a comparison of unknown responses (gold) is answered a. */
    static int judgeAll(String rater, String campaign, Map<String, String> modelOfAnswer, Judge judge) {
        int judged = 0;
        while (true) {
            Response lease = Rating.lease(rater, campaign);
            if (lease.statusCode() == 204) {
                return judged;
            }
            JsonPath view = lease.then().statusCode(201).extract().jsonPath();
            String question = view.getString("prompt[-1].content");
            String modelA = modelOfAnswer.get(view.getString("responses.a[0].content"));
            String modelB = modelOfAnswer.get(view.getString("responses.b[0].content"));
            String winner = modelA == null
                    ? "a"
                    : judge.winner(
                            Integer.parseInt(question.substring(question.lastIndexOf("-p") + 2)), modelA, modelB);
            Rating.submit(rater, view.getString("id"), Map.of("winner", winner))
                    .then()
                    .statusCode(201);
            judged++;
        }
    }

    static Response leaderboard(String campaign, String query) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/v1/admin/campaigns/{slug}/leaderboard" + query, campaign);
    }

    static Response chart(String campaign) {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/campaigns/{slug}/leaderboard.svg", campaign);
    }

    private static final Map<String, Integer> STRENGTH = Map.of("lb-strong", 3, "lb-mid", 2, "lb-weak", 1);

    /** The stronger model wins, but for one upset of strong by mid, one of mid by weak, and a strong–weak tie. */
    private static String mostlyStronger(int prompt, String a, String b) {
        List<String> pair = List.of(a, b);
        String winner = STRENGTH.get(a) > STRENGTH.get(b) ? a : b;
        if (prompt == 0 && pair.containsAll(List.of("lb-strong", "lb-mid"))) {
            winner = "lb-mid";
        } else if (prompt == 1 && pair.containsAll(List.of("lb-mid", "lb-weak"))) {
            winner = "lb-weak";
        } else if (prompt == 2 && pair.containsAll(List.of("lb-strong", "lb-weak"))) {
            return "tie";
        }
        return winner.equals(a) ? "a" : "b";
    }

    @Test
    void threeModelsJudgedThroughTheApiGetTheFitOfTheirWinSharesWithIntervalsRanksAndPairs() {
        Map<String, String> models = new HashMap<>();
        String campaign = campaign("lb-three", 6, List.of("lb-strong", "lb-mid", "lb-weak"), Map.of(), models);
        assertThat(judgeAll(campaign + "-r", campaign, models, LeaderboardTest::mostlyStronger))
                .isEqualTo(18);

        JsonPath board = leaderboard(campaign, "?rounds=50")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        // rows of the win matrix in name order: lb-mid, lb-strong, lb-weak
        double[][] wins = {
            {0, 1, 5}, // mid beat strong once and weak five times
            {5, 0, 5.5}, // strong: five wins over mid, five and a tie over weak
            {1, 0.5, 0} // weak: one win over mid, the tie with strong
        };
        double[] expected = BradleyTerry.fit(wins).ratings();
        assertThat(board.getString("campaign")).isEqualTo(campaign);
        assertThat(board.getInt("battles")).isEqualTo(18);
        assertThat(board.getInt("same_model_judgments")).isZero();
        assertThat(board.getList("models.model")).containsExactly("lb-strong", "lb-mid", "lb-weak");
        // (REST Assured reads JSON numbers as floats: seven significant digits)
        assertThat(board.getDouble("models[0].rating")).isCloseTo(expected[1], within(1e-3));
        assertThat(board.getDouble("models[1].rating")).isCloseTo(expected[0], within(1e-3));
        assertThat(board.getDouble("models[2].rating")).isCloseTo(expected[2], within(1e-3));
        assertThat(board.getInt("models[0].battles")).isEqualTo(12);
        assertThat(board.getInt("models[0].wins")).isEqualTo(10);
        assertThat(board.getInt("models[0].losses")).isEqualTo(1);
        assertThat(board.getInt("models[0].ties")).isEqualTo(1);
        assertThat(board.getDouble("models[0].win_rate")).isCloseTo(10.5 / 12, within(1e-6));
        for (int i = 0; i < 3; i++) {
            assertThat(board.getDouble("models[" + i + "].low"))
                    .isLessThanOrEqualTo(board.getDouble("models[" + i + "].rating"));
            assertThat(board.getDouble("models[" + i + "].high"))
                    .isGreaterThanOrEqualTo(board.getDouble("models[" + i + "].rating"));
            assertThat(board.getInt("models[" + i + "].rank")).isBetween(1, 3);
        }
        assertThat(board.getInt("models[0].rank")).isEqualTo(1);
        assertThat(board.getInt("bootstrap.rounds")).isEqualTo(50);
        assertThat(board.getInt("bootstrap.rounds_used")).isBetween(1, 50);
        assertThat(board.getBoolean("method.converged")).isTrue();
        assertThat(board.getDouble("method.scale")).isEqualTo(400.0);
        assertThat(board.getList("pairs")).hasSize(6);
        assertThat(board.getString("pairs[0].model")).isEqualTo("lb-strong");
        assertThat(board.getString("pairs[0].opponent")).isEqualTo("lb-mid");
        assertThat(board.getInt("pairs[0].battles")).isEqualTo(6);
        assertThat(board.getDouble("pairs[0].win_share")).isCloseTo(5.0 / 6, within(1e-6));

        // the default is 100 resamples, and the same judgments give the same board
        JsonPath again =
                leaderboard(campaign, "").then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("bootstrap.rounds")).isEqualTo(100);
        assertThat(again.getList("models.rating")).isEqualTo(board.getList("models.rating"));
        assertThat(leaderboard(campaign, "").then().extract().jsonPath().getList("models"))
                .isEqualTo(again.getList("models"));
    }

    /** A lease tries a gold item first whenever one is left for the rater. */
    static class AlwaysGold extends GoldDraw {
        @Override
        public boolean gold(double share) {
            return true;
        }
    }

    @Test
    void goldItemsAndJudgmentsBetweenTwoCompletionsOfOneModelAreNotBattles() {
        QuarkusMock.installMockForType(new AlwaysGold(), GoldDraw.class);
        Map<String, String> models = new HashMap<>();
        String campaign = campaign("lb-gold", 2, List.of("lb-x", "lb-x", "lb-y"), Map.of("gold_share", 0.5), models);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "prompt", "What is 2 + 2? (" + campaign + ")",
                        "response_a", "4",
                        "response_b", "5",
                        "verdict", "a",
                        "explanation", "2 + 2 is 4."))
                .post("/api/v1/admin/campaigns/{slug}/gold", campaign)
                .then()
                .statusCode(201);
        // prompt 0: lb-y wins; prompt 1: lb-x wins; lb-x against itself: the first shown
        int judged = judgeAll(campaign + "-r", campaign, models, (prompt, a, b) -> {
            if (a.equals(b)) {
                return "a";
            }
            String winner = prompt == 0 ? "lb-y" : "lb-x";
            return winner.equals(a) ? "a" : "b";
        });
        assertThat(judged).isEqualTo(7);
        assertThat(Sql.value(
                        "select count(*) from judgment j join gold_item g on g.comparison_id = j.comparison_id"
                                + " join campaign k on k.id = j.campaign_id where k.slug = ?",
                        campaign))
                .isEqualTo(1L);

        JsonPath board =
                leaderboard(campaign, "").then().statusCode(200).extract().jsonPath();

        assertThat(board.getInt("battles")).isEqualTo(4);
        assertThat(board.getInt("same_model_judgments")).isEqualTo(2);
        assertThat(board.getString("note")).contains("2 judgments between completions of the same model");
        assertThat(board.getList("models.model")).containsExactlyInAnyOrder("lb-x", "lb-y");
        assertThat(board.getDouble("models[0].rating")).isCloseTo(1000.0, within(1e-3));
        assertThat(board.getDouble("models[1].rating")).isCloseTo(1000.0, within(1e-3));
    }

    @Test
    void aModelThatNeverLostAnswers409LeaderboardNotIdentifiableNamingTheModelsAndGroups() {
        Map<String, String> models = new HashMap<>();
        String campaign = campaign("lb-unbeaten", 3, List.of("lb-champion", "lb-other"), Map.of(), models);
        judgeAll(campaign + "-r", campaign, models, (prompt, a, b) -> a.equals("lb-champion") ? "a" : "b");

        for (Response response : List.of(leaderboard(campaign, ""), chart(campaign))) {
            response.then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "leaderboard-not-identifiable"))
                    .body("figures.models_without_losses", equalTo(List.of("lb-champion")))
                    .body("figures.models_without_wins", equalTo(List.of("lb-other")))
                    .body("figures.groups", equalTo(List.of(List.of("lb-champion"), List.of("lb-other"))))
                    .body("figures.battles", equalTo(3));
            assertThat(response.jsonPath().getString("detail")).contains("no loss or tie yet for lb-champion");
        }
    }

    @Test
    void aCampaignWithoutJudgmentsHasAnEmptyBoardAndAChartThatSaysSo() throws Exception {
        String campaign = Rating.campaignWithComparisons("lb-empty", 2, Map.of());

        JsonPath board =
                leaderboard(campaign, "").then().statusCode(200).extract().jsonPath();
        assertThat(board.getList("models")).isEmpty();
        assertThat(board.getList("pairs")).isEmpty();
        assertThat(board.getInt("battles")).isZero();
        assertThat(board.getString("note")).startsWith("no battles yet");

        String svg = chart(campaign)
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();
        Document parsed = LeaderboardSvgTest.parse(svg);
        assertThat(LeaderboardSvgTest.rows(parsed)).isEmpty();
        assertThat(parsed.getDocumentElement().getTextContent()).contains("No battles yet");
    }

    @Test
    void theChartHasOneRowPerModelAndEscapesAHostileModelName() throws Exception {
        String hostile = "<script>alert(1)</script>";
        Map<String, String> models = new HashMap<>();
        String campaign = campaign("lb-chart", 3, List.of(hostile, "lb-plain"), Map.of(), models);
        // the hostile model wins prompts 0 and 1, the plain one prompt 2
        judgeAll(campaign + "-r", campaign, models, (prompt, a, b) -> {
            String winner = prompt < 2 ? hostile : "lb-plain";
            return winner.equals(a) ? "a" : "b";
        });

        String svg = chart(campaign)
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();

        Document parsed = LeaderboardSvgTest.parse(svg);
        assertThat(parsed.getDocumentElement().getAttribute("role")).isEqualTo("img");
        assertThat(parsed.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        var rows = LeaderboardSvgTest.rows(parsed);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getTextContent()).contains(hostile);
        assertThat(rows.get(1).getTextContent()).contains("lb-plain");
        // the JSON carries the name as it came
        assertThat(leaderboard(campaign, "").jsonPath().getString("models[0].model"))
                .isEqualTo(hostile);
    }

    @Test
    void roundsOutsideTenToAThousandOrNotANumberAre400AndAnUnknownCampaignIs404() {
        String campaign = Rating.campaignWithComparisons("lb-params", 1, Map.of());
        for (String rounds : List.of("9", "1001", "many")) {
            leaderboard(campaign, "?rounds=" + rounds)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("rounds"));
        }
        leaderboard(campaign, "?rounds=10").then().statusCode(200);
        leaderboard("lb-no-such-campaign", "").then().statusCode(404).body("type", equalTo(PROBLEMS + "not-found"));
        chart("lb-no-such-campaign").then().statusCode(404).contentType("application/problem+json");
    }
}
