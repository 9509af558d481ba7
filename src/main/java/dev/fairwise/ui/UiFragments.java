package dev.fairwise.ui;

import dev.fairwise.api.Roles;
import dev.fairwise.assignment.AssignmentService;
import dev.fairwise.campaign.CampaignService;
import dev.fairwise.fairwork.MeService;
import dev.fairwise.quality.QualityService;
import dev.fairwise.quality.ReviewService;
import dev.fairwise.rater.RateLimiter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * HTML fragments of the rater UI, rendered on the server from the same services as the JSON API and read
 * with the rater's bearer token. Texts from completions and campaigns are rendered from Markdown with HTML
 * escaped (see {@link Markdown}); everything else goes through Qute's escaping. Every action (lease, judge,
 * skip, flag, reveal, reply) goes through the public JSON API, so the UI is also a worked example of it.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.RATER)
public class UiFragments {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance campaigns(List<UiViews.CampaignCard> campaigns);

        static native TemplateInstance comparison(UiViews.Comparison item);

        static native TemplateInstance me(UiViews.MyWork work);
    }

    private final CampaignService campaigns;
    private final AssignmentService assignments;
    private final MeService me;
    private final MeService.PeriodPay periodPay;
    private final QualityService quality;
    private final ReviewService reviews;
    private final UiStore store;
    private final RateLimiter limiter;
    private final JsonWebToken token;

    UiFragments(
            CampaignService campaigns,
            AssignmentService assignments,
            MeService me,
            MeService.PeriodPay periodPay,
            QualityService quality,
            ReviewService reviews,
            UiStore store,
            RateLimiter limiter,
            JsonWebToken token) {
        this.campaigns = campaigns;
        this.assignments = assignments;
        this.me = me;
        this.periodPay = periodPay;
        this.quality = quality;
        this.reviews = reviews;
        this.store = store;
        this.limiter = limiter;
        this.token = token;
    }

    private String rater() {
        String rater = token.getSubject();
        limiter.acquire(rater, RateLimiter.Action.READ);
        return rater;
    }

    /** The campaigns open to the rater: instructions, estimated time and pay, sensitive categories. */
    @GET
    @Path("campaigns")
    public Uni<String> campaigns() {
        String rater = rater();
        return campaigns
                .openForRaters(rater)
                .chain(open -> store.sensitiveCategories().map(categories -> UiViews.CampaignCard.of(open, categories)))
                .chain(cards -> Templates.campaigns(cards).createUni());
    }

    /** One of the rater's assignments: the prompt, the two responses and the judgment form. */
    @GET
    @Path("assignments/{id}")
    public Uni<String> comparison(@PathParam("id") UUID id) {
        return assignments
                .get(id, rater())
                .chain(view -> Templates.comparison(UiViews.Comparison.of(view)).createUni());
    }

    /** "My work": today, this pay period, exposure against caps, breaks, quality figures and reviews. */
    @GET
    @Path("me")
    public Uni<String> me() {
        String rater = rater();
        return Uni.combine()
                .all()
                .unis(me.me(rater, periodPay), quality.own(rater), reviews.own(rater, 0, 20))
                .asTuple()
                .chain(t -> Templates.me(UiViews.MyWork.of(t.getItem1(), t.getItem2(), t.getItem3()))
                        .createUni());
    }
}
