package dev.fairwise.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A named question raters answer with a, b or tie for every comparison, such as helpfulness.
 *
 * @param name short key used in judgments and preference records
 * @param question what the rater is asked
 */
public record Criterion(
        @NotNull
        @Pattern(
                regexp = "[a-z][a-z0-9_]{0,39}",
                message = "must be 1-40 lower-case letters, digits or _, starting with a letter")
        String name,

        @NotBlank @Size(max = 500) String question) {}
