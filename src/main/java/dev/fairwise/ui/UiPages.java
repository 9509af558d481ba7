package dev.fairwise.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The pages of the reference rater UI. They are shells: what a page shows is loaded, with the rater's
 * bearer token, from the HTML fragments of {@link UiFragments} and the JSON API. Pages need no token, so
 * a link can open them; the token never travels in a URL the server sees (the sign-in link carries it after
 * the {@code #}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class UiPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rate();

        static native TemplateInstance signIn();

        static native TemplateInstance me();

        static native TemplateInstance leaderboard();
    }

    @GET
    public TemplateInstance root() {
        return Templates.rate();
    }

    @GET
    @Path("rate")
    public TemplateInstance rate() {
        return Templates.rate();
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signIn() {
        return Templates.signIn();
    }

    @GET
    @Path("me")
    public TemplateInstance me() {
        return Templates.me();
    }

    @GET
    @Path("admin/leaderboard")
    public TemplateInstance leaderboard() {
        return Templates.leaderboard();
    }
}
