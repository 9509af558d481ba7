package dev.fairwise.ui;

import dev.fairwise.assignment.AssignmentView;
import dev.fairwise.campaign.CampaignView;
import dev.fairwise.campaign.PayTerms;
import dev.fairwise.fairwork.MeViews;
import dev.fairwise.ingest.Message;
import dev.fairwise.quality.QualityViews;
import dev.fairwise.quality.ReviewView;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the UI's templates show, worded and formatted for people; HTML only where Markdown made it. */
final class UiViews {
    private UiViews() {}

    static String category(String category) {
        return AssignmentView.Warning.words(category);
    }

    /** Milliseconds as hours and minutes, such as "1 h 05 min" or "7 min", or seconds under a minute. */
    static String duration(long ms) {
        if (ms < 60_000) {
            return ms / 1000 + " s";
        }
        long minutes = ms / 60_000;
        if (minutes < 60) {
            return minutes + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String when(Instant at) {
        return at == null
                ? ""
                : DateTimeFormatter.ISO_INSTANT
                        .format(at.truncatedTo(ChronoUnit.MINUTES))
                        .replace('T', ' ');
    }

    /** One active campaign on the list. */
    @TemplateData
    record CampaignCard(
            String slug,
            String title,
            RawString instructions,
            int guidelineVersion,
            RawString changelog,
            boolean acknowledged,
            long judgmentsLeft,
            String pay,
            String minutesPerItem,
            String hourlyPay,
            String floor,
            boolean meetsFloor,
            String estimateSource,
            List<String> sensitiveCategories) {

        static List<CampaignCard> of(List<CampaignView.ForRater> open, Map<String, List<String>> categories) {
            return open.stream()
                    .map(c -> new CampaignCard(
                            c.slug(),
                            c.title(),
                            new RawString(Markdown.html(c.instructions())),
                            c.guidelineVersion(),
                            c.guidelineChangelog() == null
                                    ? null
                                    : new RawString(Markdown.html(c.guidelineChangelog())),
                            c.guidelineAcknowledged(),
                            c.judgmentsLeft(),
                            pay(c.pay()),
                            minutes(c.estimate().secondsPerJudgment()),
                            c.estimate().hourlyPay() + " " + c.estimate().currency(),
                            c.estimate().floor() == null
                                    ? null
                                    : c.estimate().floor() + " " + c.estimate().currency(),
                            c.estimate().meetsFloor(),
                            "pilot".equals(c.estimate().source()) ? "measured in the pilot" : "stated by the campaign",
                            categories.getOrDefault(c.slug(), List.of()).stream()
                                    .map(UiViews::category)
                                    .toList()))
                    .toList();
        }

        private static String pay(PayTerms terms) {
            String currency = terms.currency() == null ? PayTerms.DEFAULT_CURRENCY : terms.currency();
            return terms.kind() == PayTerms.Kind.HOURLY
                    ? terms.amount() + " " + currency + " per hour"
                    : terms.amount() + " " + currency + " per judgment";
        }

        private static String minutes(long seconds) {
            if (seconds < 60) {
                return seconds + " s";
            }
            return seconds % 60 == 0 ? seconds / 60 + " min" : seconds / 60 + " min " + seconds % 60 + " s";
        }
    }

    /** One turn of a conversation, its text rendered from Markdown. */
    @TemplateData
    record Turn(String role, RawString html) {
        static List<Turn> of(List<Message> messages) {
            return messages == null
                    ? List.of()
                    : messages.stream()
                            .map(m -> new Turn(m.role(), new RawString(Markdown.html(m.content()))))
                            .toList();
        }
    }

    /** A criterion's question with its name as the form field. */
    @TemplateData
    record Question(String name, String question) {}

    /** The comparison page of one assignment. */
    @TemplateData
    record Comparison(
            String id,
            String campaign,
            String state,
            boolean live,
            String deadline,
            boolean warned,
            String warning,
            List<Turn> prompt,
            List<Turn> responseA,
            List<Turn> responseB,
            List<Question> criteria,
            boolean strengthRequired,
            List<String> strengthScale,
            boolean rationaleRequired,
            List<String> contentTags) {

        static Comparison of(AssignmentView view) {
            boolean hidden = view.warning() != null && !view.warning().revealed();
            return new Comparison(
                    view.id().toString(),
                    view.campaign(),
                    view.state(),
                    "live".equals(view.state()),
                    view.leaseDeadline().toString(),
                    hidden,
                    view.warning() == null ? null : view.warning().message(),
                    Turn.of(view.prompt()),
                    view.responses() == null
                            ? List.of()
                            : Turn.of(view.responses().a()),
                    view.responses() == null
                            ? List.of()
                            : Turn.of(view.responses().b()),
                    view.criteria().stream()
                            .map(c -> new Question(c.name(), c.question()))
                            .toList(),
                    view.strengthRequired(),
                    view.strengthScale(),
                    view.rationaleRequired(),
                    view.contentTags().stream().map(UiViews::category).toList());
        }
    }

    /** A pay line of this period, per campaign. */
    @TemplateData
    record PayLine(String campaign, String paidTime, String earnings, String topUp, String effective, String floor) {}

    /** Today's exposure to one sensitive category the rater opted in to. */
    @TemplateData
    record ExposureLine(String category, long items, int cap, boolean capReached) {}

    /** A quality figure as a share with its interval, or why there is none. */
    @TemplateData
    record Figure(String name, String value, String interval, String basis) {
        static Figure of(String name, QualityViews.Proportion p, String basis) {
            if (p == null) {
                return new Figure(name, "not yet", "", basis);
            }
            return new Figure(
                    name,
                    percent(p.value()),
                    percent(p.low()) + " to " + percent(p.high()),
                    p.successes() + " of " + p.trials());
        }
    }

    @TemplateData
    record QualityLine(String campaign, boolean enoughData, long judgments, List<Figure> figures) {}

    @TemplateData
    record ReviewStep(String at, String actor, String action, String text) {}

    @TemplateData
    record Review(String id, String campaign, String state, String reasons, String decision, List<ReviewStep> steps) {}

    /** Everything on "my work". */
    @TemplateData
    record MyWork(
            String pseudonym,
            String timeZone,
            String todayPaid,
            long todayJudgments,
            long todaySkips,
            String period,
            String periodPaid,
            long periodJudgments,
            List<PayLine> pay,
            List<ExposureLine> exposure,
            boolean breakRequired,
            String breakIn,
            List<QualityLine> quality,
            int minJudgments,
            List<Review> reviews) {

        static MyWork of(MeViews.Me me, QualityViews.Own own, ReviewView.OwnPage reviews) {
            MeViews.BreakStatus b = me.breakStatus();
            String breakIn = b.required() ? null : duration(Math.max(0, b.breakAfterMs() - b.continuousMs()));
            return new MyWork(
                    me.pseudonym(),
                    me.today().timeZone(),
                    duration(me.today().paidMs()),
                    me.today().judgments(),
                    me.today().skips(),
                    me.period().id(),
                    duration(me.period().paidMs()),
                    me.period().judgments(),
                    me.period().pay().stream()
                            .map(p -> new PayLine(
                                    p.campaign(),
                                    duration(p.paidMs()),
                                    p.earnings() + " " + p.currency(),
                                    p.topUp() + " " + p.currency(),
                                    p.effectiveHourlyPay() == null
                                            ? "—"
                                            : p.effectiveHourlyPay() + " " + p.currency() + "/h",
                                    p.floor() + " " + p.currency() + "/h"))
                            .toList(),
                    me.exposure().stream()
                            .filter(MeViews.Exposure::optedIn)
                            .map(e -> new ExposureLine(category(e.category()), e.items(), e.dailyCap(), e.capReached()))
                            .toList(),
                    b.required(),
                    breakIn,
                    own.campaigns().stream()
                            .map(c -> {
                                QualityViews.RaterQuality f = c.figures();
                                boolean enough = "ok".equals(f.status());
                                return new QualityLine(
                                        c.campaign(),
                                        enough,
                                        f.judgments(),
                                        enough
                                                ? List.of(
                                                        Figure.of(
                                                                "Agreement with the other raters' consensus",
                                                                f.consensusAgreement(),
                                                                "not enough completed comparisons"),
                                                        Figure.of(
                                                                "Gold items answered as known",
                                                                f.goldAccuracy(),
                                                                "fewer than "
                                                                        + own.definitions()
                                                                                .minGoldJudgments()
                                                                        + " gold items"),
                                                        Figure.of("Skips", f.skipRate(), "no items yet"),
                                                        Figure.of(
                                                                "Picked the response shown first",
                                                                f.positionBias(),
                                                                "no decisive judgments"))
                                                : List.of());
                            })
                            .toList(),
                    own.definitions().minJudgments(),
                    reviews.items().stream()
                            .map(r -> new Review(
                                    r.id().toString(),
                                    r.campaign(),
                                    r.state().name().toLowerCase(Locale.ROOT),
                                    String.join(
                                            ", ",
                                            r.reasons().stream()
                                                    .map(x -> x.name()
                                                            .toLowerCase(Locale.ROOT)
                                                            .replace('_', ' '))
                                                    .toList()),
                                    r.decision() == null
                                            ? "not decided yet"
                                            : r.decision()
                                                    .name()
                                                    .toLowerCase(Locale.ROOT)
                                                    .replace('_', ' '),
                                    r.events().stream()
                                            .map(e -> new ReviewStep(
                                                    when(e.at()),
                                                    e.actor(),
                                                    e.action().name().toLowerCase(Locale.ROOT),
                                                    e.message() != null
                                                            ? (e.text() == null ? "" : e.text() + " — ") + e.message()
                                                            : e.text()))
                                            .toList()))
                            .toList());
        }
    }
}
