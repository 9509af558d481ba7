package dev.fairwise.pay;

import dev.fairwise.api.ApiException;
import dev.fairwise.fairwork.FairWorkConfig;
import dev.fairwise.fairwork.MeService;
import dev.fairwise.fairwork.MeViews;
import dev.fairwise.fairwork.PayPeriod;
import dev.fairwise.rater.Pseudonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statements and reports read from the pay ledger, with top-ups to the floor reckoned by {@link TopUps}. Every
 * read runs in one read-only snapshot; logins stay inside: raters are named by pseudonym.
 */
@ApplicationScoped
public class PayService implements MeService.PeriodPay {
    /** Most entries a statement lists; its campaign figures always count every entry of the period. */
    public static final int MAX_ENTRIES = 10_000;

    /** The {@code period} of a campaign pay report that asks for the campaign's whole life. */
    static final String ALL = "all";

    // The span "all" reads: wider than any ledger can be.
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final Pool pool;
    private final Clock clock;
    private final FairWorkConfig config;
    private final Pseudonyms pseudonyms;

    PayService(Pool pool, Clock clock, FairWorkConfig config, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
    }

    /** The statement of the rater {@code login} for the period named {@code period} (null: the current one). */
    public Uni<Statement> statement(String login, String period) {
        return statement(login, period(period));
    }

    /**
     * The statement of the rater whose global pseudonym is {@code pseudonym}; a 404 when no rater has it.
     * It lists the rater's work in every campaign, per-campaign pseudonym campaigns included: whoever reads
     * it can pay the rater, and so can tie that work to them.
     */
    public Uni<Statement> statementOf(String pseudonym, String period) {
        PayPeriod p = period(period);
        return PayStore.raterOf(pool, pseudonym)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("no rater has the pseudonym '" + pseudonym + "'"))
                .chain(login -> statement(login, p));
    }

    private Uni<Statement> statement(String login, PayPeriod p) {
        return PayStore.snapshot(
                pool,
                db -> PayStore.entries(db, login, p.start(), p.end(), MAX_ENTRIES + 1)
                        .chain(entries -> PayStore.campaignSums(db, login, p.start(), p.end())
                                .map(sums -> statement(pseudonyms.of(login), p, entries, sums))));
    }

    private Statement statement(
            String rater, PayPeriod p, List<PayStore.EntryRow> rows, List<PayStore.CampaignSums> sums) {
        List<Statement.Entry> entries = rows.stream()
                .limit(MAX_ENTRIES)
                .map(e -> new Statement.Entry(
                        e.earnedAt(), e.campaign(), e.kind(), e.paidMs(), new Money(e.amount()), e.currency()))
                .toList();
        List<Statement.CampaignPay> campaigns = new ArrayList<>();
        Map<String, TopUps.Reckoning> totals = new TreeMap<>();
        for (PayStore.CampaignSums s : sums) {
            BigDecimal floor = config.floorOf(s.currency()).orElse(null);
            TopUps.Reckoning r = TopUps.reckon(s.paidMs(), s.earnings(), floor);
            campaigns.add(new Statement.CampaignPay(
                    s.campaign(),
                    s.currency(),
                    s.payKind(),
                    r.paidMs(),
                    TopUps.hours(r.paidMs()),
                    new Money(r.earnings()),
                    new Money(r.topUp()),
                    new Money(r.total()),
                    Money.of(r.effectiveHourlyPay()),
                    Money.of(floor)));
            totals.merge(s.currency(), r, PayService::add);
        }
        List<Statement.Total> perCurrency = totals.entrySet().stream()
                .map(t -> new Statement.Total(
                        t.getKey(),
                        t.getValue().paidMs(),
                        TopUps.hours(t.getValue().paidMs()),
                        new Money(t.getValue().earnings()),
                        new Money(t.getValue().topUp()),
                        new Money(t.getValue().total())))
                .toList();
        return new Statement(
                p.id(), p.start(), p.end(), rater, entries, rows.size() > MAX_ENTRIES, campaigns, perCurrency);
    }

    /** Each campaign's pay of {@code login} in period {@code p}, topped up: the pay part of GET /api/v1/me. */
    @Override
    public Uni<List<MeViews.PeriodPay>> of(String login, PayPeriod p) {
        return PayStore.campaignSums(pool, login, p.start(), p.end())
                .map(sums -> sums.stream()
                        .map(s -> {
                            BigDecimal floor = config.floorOf(s.currency()).orElse(null);
                            TopUps.Reckoning r = TopUps.reckon(s.paidMs(), s.earnings(), floor);
                            return new MeViews.PeriodPay(
                                    s.campaign(),
                                    s.currency(),
                                    r.paidMs(),
                                    new Money(r.earnings()).text(),
                                    new Money(r.topUp()).text(),
                                    r.effectiveHourlyPay() == null ? null : new Money(r.effectiveHourlyPay()).text(),
                                    floor == null ? "0.00" : new Money(floor).text());
                        })
                        .toList());
    }

    private static TopUps.Reckoning add(TopUps.Reckoning a, TopUps.Reckoning b) {
        long paidMs = a.paidMs() + b.paidMs();
        BigDecimal earnings = a.earnings().add(b.earnings());
        BigDecimal topUp = a.topUp().add(b.topUp());
        return new TopUps.Reckoning(paidMs, earnings, topUp, TopUps.hourly(paidMs, earnings.add(topUp)));
    }

    // ---- campaigns

    /**
     * What campaign {@code slug} paid each rater in the period named {@code period} (null: the current one;
     * {@code all}: the campaign's whole life); a 404 when there is no such campaign.
     */
    public Uni<CampaignPayReport> campaignPay(String slug, String period) {
        PayPeriod p = ALL.equals(period) ? null : period(period);
        Instant start = p == null ? BEGINNING : p.start();
        Instant end = p == null ? END_OF_TIME : p.end();
        return PayStore.snapshot(
                pool,
                db -> campaign(db, slug)
                        .chain(terms -> PayStore.raterPeriods(db, terms.id(), unit(), start, end)
                                .map(rows -> {
                                    BigDecimal floor =
                                            config.floorOf(terms.currency()).orElse(null);
                                    List<RaterSums> raters = perRater(rows, floor);
                                    List<CampaignPayReport.RaterPay> lines = raters.stream()
                                            .map(r -> r.line(
                                                    pseudonyms.of(r.login(), slug, terms.perCampaignPseudonyms())))
                                            .sorted(Comparator.comparing(CampaignPayReport.RaterPay::rater))
                                            .toList();
                                    return new CampaignPayReport(
                                            terms.slug(),
                                            p == null ? ALL : p.id(),
                                            p == null ? null : p.start(),
                                            p == null ? null : p.end(),
                                            terms(terms, floor),
                                            lines,
                                            totals(raters));
                                })));
    }

    /** The transparency report of campaign {@code slug}, over its whole life; a 404 when there is none. */
    public Uni<TransparencyReport> transparency(String slug) {
        Instant now = clock.instant();
        return PayStore.snapshot(
                pool,
                db -> campaign(db, slug)
                        .chain(terms -> Uni.combine()
                                .all()
                                .unis(
                                        PayStore.raterPeriods(db, terms.id(), unit(), BEGINNING, END_OF_TIME),
                                        PayStore.exposure(db, terms.id()),
                                        PayStore.skips(db, terms.id()),
                                        PayStore.flagKinds(db, terms.id()),
                                        PayStore.answerTimes(db, terms.id()))
                                .asTuple()
                                .map(read -> {
                                    BigDecimal floor =
                                            config.floorOf(terms.currency()).orElse(null);
                                    List<PayStore.SkipRow> skips = read.getItem3();
                                    return new TransparencyReport(
                                            terms.slug(),
                                            terms.title(),
                                            terms.state(),
                                            now,
                                            terms(terms, floor),
                                            pay(perRater(read.getItem1(), floor)),
                                            read.getItem2().stream()
                                                    .map(e -> new TransparencyReport.Exposure(
                                                            e.category(),
                                                            e.warned(),
                                                            e.revealed(),
                                                            e.distressingSkips()))
                                                    .toList(),
                                            skips.stream()
                                                    .filter(s -> "distressing".equals(s.reason()))
                                                    .mapToLong(PayStore.SkipRow::unwarned)
                                                    .sum(),
                                            skips.stream()
                                                    .map(s -> new TransparencyReport.Skips(s.reason(), s.skips()))
                                                    .toList(),
                                            flags(read.getItem4(), read.getItem5()));
                                })));
    }

    private static Uni<PayStore.CampaignTerms> campaign(SqlClient db, String slug) {
        return PayStore.campaign(db, slug)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("no campaign '" + slug + "'"));
    }

    private PayTerms terms(PayStore.CampaignTerms terms, BigDecimal floor) {
        return new PayTerms(terms.payKind(), new Money(terms.payAmount()), terms.currency(), Money.of(floor), unit());
    }

    /** One rater's work in a campaign over one or more pay periods, each period topped up on its own. */
    record RaterSums(
            String login,
            long judgments,
            long skips,
            long expired,
            long paidMs,
            BigDecimal earnings,
            BigDecimal topUp,
            long topUps) {

        BigDecimal total() {
            return earnings.add(topUp);
        }

        BigDecimal effectiveHourlyPay() {
            return TopUps.hourly(paidMs, total());
        }

        RaterSums plus(PayStore.RaterPeriod period, TopUps.Reckoning r) {
            return new RaterSums(
                    login,
                    judgments + period.judgments(),
                    skips + period.skips(),
                    expired + period.expired(),
                    paidMs + period.paidMs(),
                    earnings.add(r.earnings()),
                    topUp.add(r.topUp()),
                    topUps + (r.topUp().signum() > 0 ? 1 : 0));
        }

        CampaignPayReport.RaterPay line(String pseudonym) {
            return new CampaignPayReport.RaterPay(
                    pseudonym,
                    judgments,
                    skips,
                    expired,
                    paidMs,
                    TopUps.hours(paidMs),
                    new Money(earnings),
                    new Money(topUp),
                    new Money(total()),
                    Money.of(effectiveHourlyPay()));
        }
    }

    /** Folds rows of (rater, period), ordered by rater, into one line per rater. */
    static List<RaterSums> perRater(List<PayStore.RaterPeriod> rows, BigDecimal floor) {
        List<RaterSums> raters = new ArrayList<>();
        RaterSums current = null;
        for (PayStore.RaterPeriod row : rows) {
            if (current == null || !current.login().equals(row.rater())) {
                if (current != null) {
                    raters.add(current);
                }
                current = new RaterSums(row.rater(), 0, 0, 0, 0, BigDecimal.ZERO, ZERO, 0);
            }
            current = current.plus(row, TopUps.reckon(row.paidMs(), row.earnings(), floor));
        }
        if (current != null) {
            raters.add(current);
        }
        return raters;
    }

    private static CampaignPayReport.Totals totals(List<RaterSums> raters) {
        long paidMs = raters.stream().mapToLong(RaterSums::paidMs).sum();
        BigDecimal earnings = raters.stream().map(RaterSums::earnings).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal topUp = raters.stream().map(RaterSums::topUp).reduce(ZERO, BigDecimal::add);
        return new CampaignPayReport.Totals(
                raters.size(),
                raters.stream().mapToLong(RaterSums::judgments).sum(),
                raters.stream().mapToLong(RaterSums::skips).sum(),
                raters.stream().mapToLong(RaterSums::expired).sum(),
                paidMs,
                TopUps.hours(paidMs),
                new Money(earnings),
                new Money(topUp),
                new Money(earnings.add(topUp)),
                Money.of(TopUps.hourly(paidMs, earnings.add(topUp))));
    }

    private static TransparencyReport.Pay pay(List<RaterSums> raters) {
        long paidMs = raters.stream().mapToLong(RaterSums::paidMs).sum();
        List<BigDecimal> effective = raters.stream()
                .filter(r -> r.paidMs() > 0)
                .map(RaterSums::effectiveHourlyPay)
                .sorted()
                .toList();
        TransparencyReport.Distribution spread = new TransparencyReport.Distribution(
                effective.size(),
                Money.of(percentile(effective, BigDecimal.ZERO)),
                Money.of(percentile(effective, new BigDecimal("0.1"))),
                Money.of(percentile(effective, new BigDecimal("0.5"))));
        return new TransparencyReport.Pay(
                raters.size(),
                paidMs,
                TopUps.hours(paidMs),
                spread,
                new TransparencyReport.TopUpsPaid(
                        raters.stream().mapToLong(RaterSums::topUps).sum(),
                        new Money(raters.stream().map(RaterSums::topUp).reduce(ZERO, BigDecimal::add))));
    }

    /**
     * The {@code fraction} percentile of {@code sorted}, interpolated between the two nearest values as
     * PostgreSQL's {@code percentile_cont} does, rounded down to the cent; null for no values.
     */
    static BigDecimal percentile(List<BigDecimal> sorted, BigDecimal fraction) {
        if (sorted.isEmpty()) {
            return null;
        }
        BigDecimal position = fraction.multiply(BigDecimal.valueOf(sorted.size() - 1L));
        int below = position.intValue();
        BigDecimal low = sorted.get(below);
        if (below + 1 >= sorted.size()) {
            return low.setScale(2, RoundingMode.DOWN);
        }
        BigDecimal weight = position.subtract(BigDecimal.valueOf(below));
        return low.add(sorted.get(below + 1).subtract(low).multiply(weight)).setScale(2, RoundingMode.DOWN);
    }

    private static TransparencyReport.Flags flags(List<PayStore.FlagKindRow> kinds, PayStore.AnswerTimes times) {
        long total = kinds.stream().mapToLong(PayStore.FlagKindRow::flags).sum();
        long answered = kinds.stream().mapToLong(PayStore.FlagKindRow::answered).sum();
        return new TransparencyReport.Flags(
                total,
                answered,
                total - answered,
                times.medianMs(),
                times.maxMs(),
                kinds.stream()
                        .map(k -> new TransparencyReport.FlagKind(k.kind(), k.flags(), k.answered()))
                        .toList());
    }

    // ---- periods

    /**
     * The named period (a 400 naming {@code period} when it is not one), or the current one when none is
     * named ({@code ?period=} names none, whichever way a client encodes it).
     */
    private PayPeriod period(String id) {
        return id == null || id.isBlank()
                ? PayPeriod.containing(config.payPeriod(), clock.instant())
                : PayPeriod.parse(config.payPeriod(), "period", id);
    }

    /** The pay period's unit as {@code date_trunc} and clients name it. */
    private String unit() {
        return config.payPeriod().name().toLowerCase(Locale.ROOT);
    }
}
