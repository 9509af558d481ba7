package dev.fairwise.rater;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How raters are identified outside the service, and the limits that protect them and the service. */
@ConfigMapping(prefix = "fairwise.raters")
public interface RaterConfig {

    /**
     * Secret key of the keyed hash that turns a rater's login into the pseudonym in every record that
     * leaves the service. Changing it changes every pseudonym. Required in production.
     */
    String pseudonymSecret();

    /**
     * Requests one rater may make per minute to this replica, each kind counted apart (lease, submit,
     * renew, skip, heartbeat, flag, reply to a review, reads); 429 with Retry-After beyond.
     */
    @WithDefault("240")
    int requestsPerMinute();

    /** A pause between two signs of activity (lease, renewal, submit) longer than this counts only this long. */
    @WithDefault("5m")
    Duration idleCutoff();

    /** Renewals can extend a lease to at most this long after it was taken. */
    @WithDefault("2h")
    Duration maxLeaseTotal();

    /** How often leases past their deadline are marked expired (they never block leasing meanwhile). */
    @WithDefault("30s")
    Duration sweepInterval();

    /** Longest rationale, in characters. */
    @WithDefault("2000")
    int maxRationaleChars();

    /** Longest note on a flag or a skip, in characters. */
    @WithDefault("500")
    int maxNoteChars();
}
