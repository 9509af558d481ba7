package dev.fairwise.api;

/** The roles a token's {@code groups} claim can grant. */
public final class Roles {
    /** Rates comparisons. */
    public static final String RATER = "rater";
    /** Manages campaigns and ingests completions. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
