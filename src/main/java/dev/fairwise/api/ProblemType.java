package dev.fairwise.api;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;

/** The kinds of problem Fairwise answers with, each with a stable type URI, a title and an HTTP status. */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", Status.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON of the expected shape", Status.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "The token does not grant this operation", Status.FORBIDDEN),
    NOT_FOUND("not-found", "No such resource", Status.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource", Status.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "The requested media type cannot be produced", Status.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE(
            "unsupported-media-type", "The request media type is not supported", Status.UNSUPPORTED_MEDIA_TYPE),
    CONFLICT("conflict", "The request conflicts with the current state", Status.CONFLICT),
    ILLEGAL_STATE_CHANGE("illegal-state-change", "The campaign cannot move to that state", Status.CONFLICT),
    DUPLICATE("duplicate", "The resource already exists", Status.CONFLICT),
    LEASE_EXPIRED("lease-expired", "The lease has expired; lease the next comparison", Status.CONFLICT),
    ASSIGNMENT_ENDED("assignment-ended", "The assignment has already ended", Status.CONFLICT),
    ALREADY_JUDGED("already-judged", "The assignment was judged with a different answer", Status.CONFLICT),
    LEASE_LIMIT("lease-limit", "The lease cannot be extended further", Status.CONFLICT),
    CAMPAIGN_LOCKED("campaign-locked", "The campaign's rules cannot change once it has left draft", Status.CONFLICT),
    CONCURRENT_EDIT("concurrent-edit", "Another request changed the resource at the same time", Status.CONFLICT),
    CAMPAIGN_NOT_ACTIVE("campaign-not-active", "The campaign is not open for rating", Status.CONFLICT),
    PAY_BELOW_FLOOR("pay-below-floor", "The campaign's estimated hourly pay is below the floor", Status.CONFLICT),
    REVEAL_REQUIRED("reveal-required", "The item carries a content warning; reveal it before judging", Status.CONFLICT),
    RATER_PAUSED(
            "rater-paused",
            "An admin paused your work in this campaign after a review; the review says why",
            Status.FORBIDDEN),
    REVIEW_DECIDED("review-decided", "The review has already been decided that way", Status.CONFLICT),
    FLAG_ANSWERED("flag-answered", "The flag has already been answered", Status.CONFLICT),
    LEADERBOARD_NOT_IDENTIFIABLE(
            "leaderboard-not-identifiable",
            "The judgments do not determine every model's rating: some model has no win or no loss against the rest",
            Status.CONFLICT),
    RATE_LIMITED("rate-limited", "Too many requests", Status.TOO_MANY_REQUESTS),
    BREAK_REQUIRED("break-required", "Time for a break; lease again after Retry-After", Status.TOO_MANY_REQUESTS),
    BODY_TOO_LARGE("body-too-large", "The request body is too large", Status.REQUEST_ENTITY_TOO_LARGE),
    UNAVAILABLE("unavailable", "A service Fairwise depends on is unavailable; retry later", Status.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", Status.INTERNAL_SERVER_ERROR);

    private static final String BASE = "https://fairwise.dev/problems/";

    private final URI uri;
    private final String title;
    private final Status status;

    ProblemType(String slug, String title, Status status) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public Status status() {
        return status;
    }
}
