package dev.fairwise.api;

/**
 * The roles a token can grant, as {@code @RolesAllowed} expressions: the names come from configuration
 * ({@code fairwise.roles.rater}, default {@code fairwise-rater}; {@code fairwise.roles.admin}, default
 * {@code fairwise-admin}), read from the claim {@code smallrye.jwt.path.groups} names.
 */
public final class Roles {
    /** Rates comparisons. */
    public static final String RATER = "${fairwise.roles.rater}";
    /** Manages campaigns and ingests completions. */
    public static final String ADMIN = "${fairwise.roles.admin}";

    private Roles() {}
}
