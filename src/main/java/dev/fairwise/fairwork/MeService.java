package dev.fairwise.fairwork;

import dev.fairwise.api.ApiException;
import dev.fairwise.rater.Pseudonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A rater's own settings and figures. */
@ApplicationScoped
public class MeService {
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final Pool pool;
    private final Clock clock;
    private final FairWorkConfig config;
    private final Pseudonyms pseudonyms;

    MeService(Pool pool, Clock clock, FairWorkConfig config, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.pseudonyms = pseudonyms;
    }

    public Uni<MeViews.Preferences> preferences(String rater) {
        return FairWorkStore.state(pool, rater, clock.instant()).map(state -> preferences(rater, state));
    }

    private MeViews.Preferences preferences(String rater, FairWorkStore.RaterState state) {
        List<MeViews.Category> categories = config.sensitiveCategories().stream()
                .map(c -> new MeViews.Category(c, state.optedIn().contains(c), config.capOf(c)))
                .toList();
        return new MeViews.Preferences(
                pseudonyms.of(rater),
                categories,
                state.timeZone(),
                new MeViews.Credit(state.creditName() != null, state.creditName()));
    }

    /** Replaces the rater's settings; a category that is not sensitive, or an unknown time zone, is a 400. */
    public Uni<MeViews.Preferences> update(String rater, MeViews.Update update) {
        Set<String> optedIn = new LinkedHashSet<>();
        for (int i = 0; i < update.sensitiveOptIn().size(); i++) {
            String category = update.sensitiveOptIn().get(i);
            if (!config.sensitiveCategories().contains(category)) {
                throw ApiException.invalid(
                        "sensitive_opt_in[" + i + "]",
                        "is not a sensitive category (" + String.join(", ", config.sensitiveCategories()) + ")");
            }
            optedIn.add(category);
        }
        String zone = update.timeZone() == null ? "UTC" : update.timeZone();
        if (!"UTC".equals(zone) && !ZONES.contains(zone)) {
            throw ApiException.invalid("time_zone", "is not an IANA time zone such as Europe/Berlin");
        }
        String credit = update.creditName() == null ? null : update.creditName().strip();
        Instant now = clock.instant();
        return pool.withTransaction(db -> FairWorkStore.saveProfile(
                                db, rater, pseudonyms.of(rater), List.copyOf(optedIn), zone, credit, now)
                        .chain(() -> FairWorkStore.state(db, rater, now)))
                .map(state -> preferences(rater, state));
    }

    /** The rater's figures today (their own day) and this pay period, their exposure and break status. */
    public Uni<MeViews.Me> me(String rater, PeriodPay periodPay) {
        Instant now = clock.instant();
        PayPeriod period = PayPeriod.containing(config.payPeriod(), now);
        return FairWorkStore.state(pool, rater, now).chain(state -> {
            ZoneId zone = ZoneId.of(state.timeZone());
            Instant dayStart = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            return FairWorkStore.worked(pool, rater, dayStart, now.plusMillis(1))
                    .chain(today -> FairWorkStore.worked(pool, rater, period.start(), period.end())
                            .chain(inPeriod -> periodPay.of(rater, period).map(pay -> {
                                List<MeViews.Exposure> exposure = new ArrayList<>();
                                for (String c : config.sensitiveCategories()) {
                                    long items = state.exposure().getOrDefault(c, 0L);
                                    exposure.add(new MeViews.Exposure(
                                            c,
                                            state.optedIn().contains(c),
                                            items,
                                            config.capOf(c),
                                            items >= config.capOf(c)));
                                }
                                return new MeViews.Me(
                                        pseudonyms.of(rater),
                                        new MeViews.Today(
                                                dayStart,
                                                state.timeZone(),
                                                today.paidMs(),
                                                today.judgments(),
                                                today.skips()),
                                        new MeViews.Period(
                                                period.id(),
                                                period.start(),
                                                period.end(),
                                                inPeriod.paidMs(),
                                                inPeriod.judgments(),
                                                inPeriod.skips(),
                                                pay),
                                        exposure,
                                        breakStatus(state, now));
                            })));
        });
    }

    private MeViews.BreakStatus breakStatus(FairWorkStore.RaterState state, Instant now) {
        Stretch stretch = Stretch.at(now, state.stretchStartedAt(), state.lastActive(), config);
        boolean working = !stretch.start().equals(now);
        return new MeViews.BreakStatus(
                stretch.breakRequired(),
                stretch.breakRequired() ? Math.max(1, (stretch.breakLeft().toMillis() + 999) / 1000) : null,
                working ? stretch.start() : null,
                working ? Duration.between(stretch.start(), now).toMillis() : 0,
                config.breakAfter().toMillis(),
                config.breakLength().toMillis());
    }

    /** Each campaign's pay of a rater in a period, reckoned with top-ups (the pay package does that). */
    public interface PeriodPay {
        Uni<List<MeViews.PeriodPay>> of(String rater, PayPeriod period);
    }
}
