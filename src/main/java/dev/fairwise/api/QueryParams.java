package dev.fairwise.api;

/**
 * Reads numeric query parameters. JAX-RS answers 404 when a parameter cannot be converted (a 404 for
 * {@code ?page=abc} tells the client nothing), so resources take them as text and read them here: a value
 * that is not a whole number in range is a 400 problem naming the parameter.
 */
public final class QueryParams {
    private QueryParams() {}

    /** The value of parameter {@code name} as an int between {@code min} and {@code max}. */
    public static int integer(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw ApiException.invalid(name, "must be between " + min + " and " + max);
        }
        return parsed;
    }
}
