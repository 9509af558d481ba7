package dev.fairwise.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What admins send to create and change campaigns. Absent optional fields take the documented default. */
public final class CampaignRequests {
    private CampaignRequests() {}

    /** A new campaign; it starts as a draft. */
    @Schema(name = "CreateCampaign")
    public record Create(
            @Schema(
                    description = "URL- and Kafka-safe key: 2-63 lower-case letters, digits and -",
                    examples = "helpful-2026-11")
            @NotNull
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be 2-63 lower-case letters, digits or -")
            String slug,

            @NotBlank @Size(max = 200) String title,

            @Schema(description = "Markdown shown to raters") @NotBlank @Size(max = 50_000)
            String instructions,

            @Schema(description = "Questions answered a/b/tie per comparison; none by default") @Size(max = 10)
            List<@NotNull @Valid Criterion> criteria,

            @Schema(description = "Raters must give a preference strength; default false")
            Boolean strengthRequired,

            @Schema(description = "Raters must give a rationale; default false")
            Boolean rationaleRequired,

            @Schema(description = "Judgments wanted per comparison; default 1") @Min(1) @Max(10)
            Integer overlap,

            @Schema(description = "Default all_pairs") PairingStrategy pairingStrategy,

            @Schema(description = "Required for vs_baseline") @Size(min = 1, max = 200)
            String baselineModel,

            @Schema(description = "Most comparisons made per prompt; default 10") @Min(1) @Max(1000)
            Integer perPromptCap,

            @Schema(description = "Seed of random_subset pairing; default 0")
            Long pairingSeed,

            @Schema(description = "Lease duration in seconds; default 600") @Min(30) @Max(86_400)
            Integer leaseSeconds,

            @Schema(description = "Pay terms; default hourly at the floor of USD") @Valid
            PayTerms pay,

            @Schema(description = "Pseudonyms in the campaign's records; default global")
            PseudonymScope pseudonyms,

            @Schema(description = GOLD_SHARE) @DecimalMin("0") @DecimalMax("0.5") @Digits(integer = 1, fraction = 3)
            BigDecimal goldShare) {}

    static final String GOLD_SHARE =
            "Share of leases that are gold items (known verdict), 0 to 0.5 with up to 3 decimals; default 0."
                    + " A rater who has seen every gold item gets the campaign's other items. May change at any time";

    /** Changes to a campaign; absent fields stay as they are. New instructions make a new guideline version. */
    @Schema(name = "UpdateCampaign")
    public record Update(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String title,

            @Size(min = 1, max = 50_000) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
            String instructions,

            @Size(max = 10) List<@NotNull @Valid Criterion> criteria,
            Boolean strengthRequired,
            Boolean rationaleRequired,
            @Min(1) @Max(10) Integer overlap,
            PairingStrategy pairingStrategy,
            @Size(min = 1, max = 200) String baselineModel,
            @Min(1) @Max(1000) Integer perPromptCap,
            Long pairingSeed,
            @Min(30) @Max(86_400) Integer leaseSeconds,

            @Schema(
                    description =
                            "Pay terms. Any change while a draft; after that only a higher amount, in the same kind and currency")
            @Valid
            PayTerms pay,

            PseudonymScope pseudonyms,

            @Schema(description = GOLD_SHARE) @DecimalMin("0") @DecimalMax("0.5") @Digits(integer = 1, fraction = 3)
            BigDecimal goldShare,

            @Schema(description = "What changed in the new instructions, in a line raters read; only with instructions")
            @Size(min = 1, max = 500)
            @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank")
            String changelog) {}

    /** Checks that hold across fields; throws a validation problem naming the field. */
    static void checkConsistent(PairingStrategy strategy, String baselineModel, List<Criterion> criteria) {
        if (strategy == PairingStrategy.VS_BASELINE && (baselineModel == null || baselineModel.isBlank())) {
            throw dev.fairwise.api.ApiException.invalid("baseline_model", "is required for vs_baseline pairing");
        }
        if (criteria != null) {
            long distinct = criteria.stream().map(Criterion::name).distinct().count();
            if (distinct != criteria.size()) {
                throw dev.fairwise.api.ApiException.invalid("criteria", "criterion names must be unique");
            }
        }
    }
}
