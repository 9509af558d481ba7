package dev.fairwise.ingest;

import java.util.Locale;

/** A completion record that can never be stored as it is; it goes to the dead-letter topic. */
public class RejectedCompletion extends RuntimeException {

    /** Why a record was rejected; the wire name is the DLQ header value and the REST result reason. */
    public enum Reason {
        MALFORMED_JSON,
        INVALID_ENCODING,
        UNKNOWN_FIELD,
        MISSING_FIELD,
        INVALID_FIELD,
        TOO_LARGE,
        UNKNOWN_CAMPAIGN,
        CAMPAIGN_CLOSED,
        PROMPT_MISMATCH,
        /** Storing failed repeatedly for a reason other than an unreachable database. */
        STORE_FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public RejectedCompletion(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
