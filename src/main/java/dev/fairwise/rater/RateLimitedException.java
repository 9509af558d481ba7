package dev.fairwise.rater;

import dev.fairwise.api.ApiException;
import dev.fairwise.api.ProblemType;
import java.time.Duration;

/** Too many requests from one rater; answered 429 with Retry-After. */
public class RateLimitedException extends ApiException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super(ProblemType.RATE_LIMITED, "too many requests; retry after " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** Another reason to come back later, such as a break. */
    public RateLimitedException(ProblemType type, String detail, Duration retryAfter) {
        super(type, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
