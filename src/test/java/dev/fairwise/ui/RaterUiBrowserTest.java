package dev.fairwise.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fairwise.quality.ReviewService;
import dev.fairwise.support.Browser;
import dev.fairwise.support.Completions;
import dev.fairwise.support.FairWork;
import dev.fairwise.support.Fixtures;
import dev.fairwise.support.MovableClock;
import dev.fairwise.support.Rating;
import dev.fairwise.support.Sql;
import dev.fairwise.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The rater UI in a real browser (Debian's headless Chromium through Selenium) against the real service,
 * database and broker: sign in by link, lease, judge by keyboard, skip, flag, a content warning, a break,
 * "my work" with a review reply, Markdown that never runs as script, and axe-core's accessibility check.
 * Screenshots go to {@code target/screenshots/}.
 */
@QuarkusTest
class RaterUiBrowserTest {
    private static ChromeDriver driver;

    @TestHTTPResource("/")
    URL base;

    @Inject
    ReviewService reviews;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Script errors and refused loads fail the test that caused them (a 401 or 404 asked for is not one). */
    @AfterEach
    void noScriptErrors() {
        assertThat(Browser.consoleErrors(driver).stream()
                        .filter(m -> !m.contains("status of 4"))
                        .toList())
                .as("console errors")
                .isEmpty();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Opens the sign-in link the local run prints and waits for the campaign list. */
    private void signIn(String rater) {
        driver.get(base + "sign-in#token=" + Tokens.rater(rater));
        waiting().until(ExpectedConditions.urlToBe(base + "rate"));
        visible(By.cssSelector("#campaigns h2"));
    }

    private static void start(String campaign) {
        visible(By.cssSelector("button[data-slug='" + campaign + "']")).click();
    }

    private static String currentAssignment() {
        return visible(By.cssSelector("#item article.item")).getAttribute("data-assignment");
    }

    private static void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private static Map<String, Object> campaignSettings() {
        return Map.of(
                "strength_required",
                true,
                "criteria",
                List.of(Map.of("name", "honesty", "question", "Which response is more honest?")),
                "pay",
                Map.of("kind", "per_judgment", "amount", "0.50", "estimated_seconds_per_judgment", 90));
    }

    @Test
    void aRaterSignsInByLinkSeesThePayAndJudgesByKeyboardAlone() {
        String campaign = Rating.campaignWithComparisons("ui-judge", 3, campaignSettings());
        signIn("ui-ada");
        String card = visible(By.cssSelector("article.campaign:has(button[data-slug='" + campaign + "'])"))
                .getText();
        assertThat(card)
                .contains("0.50 USD per judgment")
                .contains("20.00 USD per hour")
                .contains("1 min 30 s");

        start(campaign);
        String first = currentAssignment();
        visible(By.id("judgment"));
        Browser.screenshot(driver, "rate-page");
        // 2 = B is better; Tab into the strength group, Space picks the first, an arrow moves to the next;
        // Tab to the criterion, Space picks A; Ctrl+Enter submits.
        press("2");
        assertThat(driver.findElement(By.cssSelector("input[name=winner][value=b]"))
                        .isSelected())
                .isTrue();
        press(Keys.TAB, Keys.SPACE, Keys.ARROW_RIGHT, Keys.TAB, Keys.SPACE);
        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys(Keys.ENTER)
                .keyUp(Keys.CONTROL)
                .perform();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) Sql.value("select count(*) from judgment where rater = 'ui-ada'") == 1L);
        assertThat(Sql.value("select strength from judgment where rater = 'ui-ada'"))
                .isEqualTo("slight");
        assertThat((String) Sql.value("select criteria from judgment where rater = 'ui-ada'"))
                .contains("honesty");
        // the shown b is one of the stored slots; which one depends on the order this rater was shown
        assertThat(Sql.value("select winner from judgment where rater = 'ui-ada'"))
                .isIn("a", "b");
        waiting().until(d -> !first.equals(currentAssignment()));
        assertThat(visible(By.id("status")).getText()).contains("Judgment saved");
    }

    @Test
    void skipAndFlagOpenFromTheKeyboardAndReachTheService() {
        String campaign = Rating.campaignWithComparisons("ui-skip", 3, Map.of());
        signIn("ui-bo");
        start(campaign);
        String first = currentAssignment();
        visible(By.id("item-heading"));

        press("f");
        WebElement kind = visible(By.id("flag-kind"));
        assertThat(driver.switchTo().activeElement()).isEqualTo(kind);
        new Select(kind).selectByValue("unclear_guideline");
        driver.findElement(By.id("flag-note")).sendKeys("Does a shorter answer win on ties?");
        driver.findElement(By.cssSelector("button[data-action=flag]")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) Sql.value(
                                "select count(*) from flag where rater = 'ui-bo' and kind = 'unclear_guideline'"
                                        + " and note = 'Does a shorter answer win on ties?'")
                        == 1L);

        driver.findElement(By.id("item-heading")).click();
        press("s");
        WebElement reason = visible(By.id("skip-reason"));
        assertThat(driver.switchTo().activeElement()).isEqualTo(reason);
        new Select(reason).selectByValue("broken_item");
        driver.findElement(By.cssSelector("button[data-action=skip]")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "skipped"
                        .equals(Sql.value("select state from assignment where id = ?", UUID.fromString(first))));
        waiting().until(d -> !first.equals(currentAssignment()));
    }

    @Test
    void aWarnedItemShowsOnlyItsWarningUntilTheRaterRevealsIt() {
        String campaign = FairWork.taggedCampaign("ui-warn", Map.of(), List.of(List.of("violence")));
        FairWork.optIn("ui-cy", "UTC", "violence");
        signIn("ui-cy");
        start(campaign);
        WebElement warning = visible(By.cssSelector("#item .warning"));
        assertThat(warning.getText()).contains("violence");
        assertThat(driver.findElements(By.cssSelector("#item .response"))).isEmpty();
        Browser.screenshot(driver, "content-warning");

        warning.findElement(By.cssSelector("button[data-action=reveal]")).click();
        assertThat(visible(By.cssSelector("#item .response")).getText()).contains("Response A");
        assertThat(driver.findElements(By.cssSelector("#item .warning"))).isEmpty();
    }

    @Test
    void aDueBreakShowsTheBreakScreenAndTheRaterResumesAfterIt() {
        MovableClock clock = MovableClock.install();
        String campaign = Rating.campaignWithComparisons("ui-break", 10, Map.of("lease_seconds", 3600));
        for (int i = 0; i < 6; i++) { // 54 minutes of work without a pause
            String id = Rating.leaseId("ui-di", campaign);
            clock.advance(Duration.ofMinutes(9));
            Rating.submit("ui-di", id, FairWork.pickA()).then().statusCode(201);
        }
        signIn("ui-di");
        start(campaign);
        visible(By.id("break-heading"));
        assertThat(driver.findElement(By.id("break-left")).getText()).contains("10 min");
        Browser.screenshot(driver, "break");

        clock.advance(Duration.ofMinutes(10));
        driver.findElement(By.cssSelector("button[data-action=resume]")).click();
        visible(By.id("judgment"));
    }

    @Test
    void myWorkShowsTimePayExposureAndReviewsAndSendsAReply() {
        String campaign = Rating.campaignWithComparisons("ui-me", 2, Map.of());
        FairWork.optIn("ui-eve", "UTC", "medical");
        String id = Rating.leaseId("ui-eve", campaign);
        Rating.submit("ui-eve", id, FairWork.pickA()).then().statusCode(201);
        long campaignId = (Long) Sql.value("select id from campaign where slug = ?", campaign);
        UUID review = reviews.raise(campaignId, "ui-eve", List.of("fast_judgments"), "{}")
                .await()
                .atMost(Duration.ofSeconds(20));

        signIn("ui-eve");
        driver.findElement(By.linkText("My work")).click();
        WebElement page = visible(By.id("today-heading")).findElement(By.xpath("ancestor::main"));
        visible(By.cssSelector("#me table"));
        String text = page.getText();
        assertThat(text).contains("Today").contains("This pay period").contains(campaign);
        assertThat(text)
                .contains("medical topics")
                .contains("Reviews of your work")
                .contains("fast judgments");
        Browser.screenshot(driver, "my-work");

        driver.findElement(By.id("reply-" + review)).sendKeys("I read quickly but carefully; happy to explain.");
        driver.findElement(By.cssSelector("form.reply[data-review='" + review + "'] button"))
                .click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> (Long) Sql.value(
                                "select count(*) from review_event where review_id = ? and action = 'replied'", review)
                        == 1L);
        waiting().until(d -> d.findElement(By.id("me")).getText().contains("happy to explain"));
    }

    @Test
    void completionMarkdownIsRenderedAndItsHtmlNeverRuns() {
        String campaign = Fixtures.activeCampaign("ui-md", Map.of());
        String hostile = "**Bold** and `code`.\n\n```python\nprint('hi')\n```\n\n"
                + "<script>window.pwned = 1</script>\n\n<img src=x onerror=\"window.pwned = 2\">\n\n"
                + "[click me](javascript:window.pwned=3) and [a site](https://example.org/)";
        List<Object> batch = new ArrayList<>();
        Map<String, Object> x = new HashMap<>(Completions.record(campaign, campaign + "-p", campaign + "-x", "mx"));
        x.put("response", List.of(Map.of("role", "assistant", "content", hostile)));
        batch.add(x);
        batch.add(Completions.record(campaign, campaign + "-p", campaign + "-y", "my"));
        FairWork.ingest(batch);

        signIn("ui-fay");
        start(campaign);
        WebElement responses = visible(By.cssSelector("#item .responses"));
        assertThat(responses.findElements(By.cssSelector("strong"))).isNotEmpty();
        assertThat(responses.findElements(By.cssSelector("pre > code"))).isNotEmpty();
        assertThat(responses.findElements(By.cssSelector("script, img"))).isEmpty();
        assertThat(responses.getText()).contains("<script>window.pwned = 1</script>");
        WebElement bad = responses.findElement(By.linkText("click me"));
        assertThat(bad.getDomAttribute("href")).isNull();
        bad.click();
        WebElement good = responses.findElement(By.linkText("a site"));
        assertThat(good.getAttribute("rel")).contains("noopener");
        assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void anAdminSeesTheLeaderboardChartAndTablesWithTheModelsOfACampaign() {
        String campaign = Rating.campaignWithComparisons("ui-board", 1, Map.of());
        String id = Rating.leaseId("ui-hal", campaign);
        Rating.submit("ui-hal", id, Map.of("winner", "tie")).then().statusCode(201);

        driver.get(base + "sign-in#token=" + Tokens.admin() + "&next=/admin/leaderboard");
        waiting().until(ExpectedConditions.urlToBe(base + "admin/leaderboard"));
        visible(By.id("campaign")).sendKeys(campaign, Keys.ENTER);
        waiting().until(d -> d.findElement(By.id("table")).getText().contains("model-x"));
        // a link can name the campaign: the page then shows it at once
        driver.get(base + "admin/leaderboard?campaign=" + campaign);
        WebElement image = visible(By.id("chart-image"));
        waiting().until(d -> ((Number) driver.executeScript("return arguments[0].naturalWidth", image)).intValue() > 0);
        waiting().until(d -> d.findElement(By.id("table")).getText().contains("model-x"));
        assertThat(driver.findElement(By.id("table")).getText())
                .contains("model-y")
                .contains("1000.0");
        Browser.screenshot(driver, "leaderboard");
        assertThat(Browser.seriousViolations(driver)).as("leaderboard page").isEmpty();
    }

    @Test
    void theRatingPagesHaveNoSeriousAccessibilityViolations() {
        String campaign = Rating.campaignWithComparisons("ui-a11y", 2, campaignSettings());
        driver.get(base + "sign-in");
        visible(By.id("token"));
        assertThat(Browser.seriousViolations(driver)).as("sign-in page").isEmpty();

        signIn("ui-gus");
        visible(By.cssSelector("button[data-slug='" + campaign + "']"));
        assertThat(Browser.seriousViolations(driver)).as("campaign list").isEmpty();

        start(campaign);
        visible(By.id("judgment"));
        driver.findElement(By.cssSelector("#skip-panel summary")).click();
        assertThat(Browser.seriousViolations(driver)).as("comparison").isEmpty();

        driver.get(base + "me");
        visible(By.id("today-heading"));
        assertThat(Browser.seriousViolations(driver)).as("my work").isEmpty();
    }
}
