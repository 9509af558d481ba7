package dev.fairwise.card;

import dev.fairwise.api.MarkdownText;
import dev.fairwise.campaign.Criterion;
import dev.fairwise.campaign.PseudonymScope;
import dev.fairwise.judgment.JudgmentRequest;
import dev.fairwise.pay.Money;
import dev.fairwise.pay.PayTerms;
import dev.fairwise.pay.TransparencyReport;
import dev.fairwise.quality.QualityViews;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A dataset card as a Markdown document in the manner of a Hugging Face dataset card: YAML metadata, then
 * the card. Text that came from people (the campaign's title, criteria questions, the display names raters
 * chose) is escaped, so it can neither format the document, nor link, nor carry HTML, nor leave its line.
 */
final class DatasetCardMarkdown {
    static final String MEDIA_TYPE = "text/markdown";

    /** A criterion name as the API accepts it, safe in a code span. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    /** An ordered-list marker at the start of a block: {@code 1.} or {@code 1)}. */
    private static final Pattern ORDERED_MARKER = Pattern.compile("^([0-9]{1,9})([.)])");

    private DatasetCardMarkdown() {}

    static String render(DatasetCard card) {
        StringBuilder md = new StringBuilder(4096);
        frontMatter(md, card);
        md.append("# Dataset card: ").append(text(card.title())).append("\n\n");
        md.append("Campaign `")
                .append(card.campaign())
                .append("` (")
                .append(card.state().wire())
                .append("), read at ")
                .append(card.generatedAt())
                .append(". Contributors are named only as they chose to be credited.\n\n");

        DatasetCard.Data data = card.data();
        md.append("## What the data is\n\n");
        md.append("Pairwise human preferences: a rater was shown two completions of the same prompt and said")
                .append(" which is better. There is one record per judgment, in the `")
                .append(data.recordSchema())
                .append("` format; each comparison was to be judged by ")
                .append(data.overlap())
                .append(data.overlap() == 1 ? " rater.\n\n" : " raters.\n\n");
        table(md, "Figure", "Count", "---:");
        cells(md, "Prompts", Long.toString(data.prompts()));
        cells(md, "Completions", Long.toString(data.completions()));
        cells(md, "Comparisons", Long.toString(data.comparisons()));
        cells(md, "Judgments", Long.toString(data.judgments()));
        cells(md, "Judgments with a winner (`a` or `b`)", Long.toString(data.decisiveJudgments()));
        cells(md, "Judgments of gold items (quality checks)", Long.toString(data.goldJudgments()));
        md.append('\n');

        md.append("## Files\n\n");
        md.append("Each configuration in the metadata above is one export of the judgments as JSON Lines, oldest")
                .append(" first, gold items left out; `trl` and `hh` hold only judgments with a winner, as their")
                .append(" formats cannot say tie or both bad.\n\n");
        table(md, "Configuration", "Records", "---:");
        for (DatasetCard.ExportFile file : card.exports()) {
            cells(
                    md,
                    "`" + file.config() + "`: `" + file.file() + "` from `GET " + file.url() + "`",
                    Long.toString(file.records()));
        }
        md.append('\n');

        DatasetCard.Scale scale = card.scale();
        md.append("## Judgment scale\n\n");
        md.append("- Verdict: ")
                .append(codes(scale.winner(), JudgmentRequest.Winner::wire))
                .append(" (`a` and `b` are the two completions as stored, whatever order the rater saw).\n");
        md.append("- Strength, given only when there is a winner: ")
                .append(codes(scale.strength(), JudgmentRequest.Strength::wire))
                .append(", weakest first (a record's `margin` counts from 0); ")
                .append(scale.strengthRequired() ? "required" : "optional")
                .append(".\n");
        md.append("- Rationale: ")
                .append(scale.rationaleRequired() ? "required" : "optional")
                .append(".\n\n");
        if (scale.criteria().isEmpty()) {
            md.append("No criteria besides the verdict.\n\n");
        } else {
            md.append("Criteria, each answered `a`, `b` or `tie`:\n\n");
            table(md, "Criterion", "Question", "---");
            for (Criterion c : scale.criteria()) {
                cells(md, key(c.name()), text(c.question()));
            }
            md.append('\n');
        }

        md.append("## Guideline\n\n");
        md.append("The current guideline is version ")
                .append(card.guidelineVersion())
                .append(". Each record carries the version its judgment was made under.\n\n");
        table(md, "Version", "Published", "---");
        for (DatasetCard.Guideline g : card.guidelines()) {
            String published = g.publishedAt().toString();
            cells(
                    md,
                    Integer.toString(g.version()),
                    g.changelog() == null || g.changelog().isBlank()
                            ? published
                            : published + ": " + text(g.changelog()));
        }
        md.append('\n');

        agreement(md, card.agreement());

        PayTerms pay = card.payTerms();
        md.append("## Pay\n\n");
        table(md, "Term", "Value", "---");
        cells(
                md,
                "Pay",
                pay.amount() + " " + pay.currency()
                        + ("per_judgment".equals(pay.payKind()) ? " per judgment" : " per hour of active time"));
        cells(
                md,
                "Floor",
                pay.floor() == null
                        ? "none set for " + pay.currency()
                        : pay.floor() + " " + pay.currency() + " per hour of active time");
        cells(
                md,
                "Top-ups",
                "per rater, per " + pay.payPeriod()
                        + " and per campaign: whatever brings pay to the floor, rounded up to the cent");
        md.append('\n');

        transparency(md, card.transparency(), pay.currency());

        md.append("## Transparency\n\n");
        md.append("How the campaign treated its raters (pay against the floor, exposure to sensitive content,")
                .append(" skips and flags) is in its transparency report: `GET ")
                .append(card.transparencyReport())
                .append("` (JSON, or Markdown with `Accept: text/markdown`).\n\n");

        md.append("## Pseudonyms\n\n");
        md.append(
                card.pseudonyms() == PseudonymScope.PER_CAMPAIGN
                        ? "Records name raters by pseudonyms of this campaign's own: they cannot be linked to the"
                                + " same raters' records of other campaigns."
                        : "Records name raters by pseudonyms that are the same in every campaign's records, so"
                                + " records of different campaigns can be joined by rater.");
        md.append(" No record carries a login.\n\n");

        md.append("## Contributors\n\n");
        contributors(md, card.contributors());
        return md.toString();
    }

    /** Agreement per question: Krippendorff's alpha with its interval, percent agreement, Fleiss' kappa. */
    private static void agreement(StringBuilder md, DatasetCard.Agreement agreement) {
        md.append("## Agreement\n\n");
        md.append("Over ")
                .append(agreement.judgments())
                .append(" judgments of ")
                .append(agreement.comparisons())
                .append(" regular comparisons (gold items left out); ")
                .append(agreement.consensus())
                .append(" comparisons reached their overlap and have a consensus. Intervals are 95 % bootstrap")
                .append(" intervals.\n\n");
        md.append("| Question | Krippendorff's alpha (nominal) | Percent agreement | Fleiss' kappa |\n");
        md.append("| --- | --- | --- | --- |\n");
        agreementRow(md, agreement.verdict(), "Verdict");
        for (QualityViews.Figures f : agreement.criteria()) {
            agreementRow(md, f, key(f.name()));
        }
        QualityViews.Estimate ordinal = agreement.verdict().alphaOrdinalStrength();
        md.append("\nKrippendorff's alpha (ordinal) on the signed strength scale: ")
                .append(estimate(ordinal))
                .append(".\n\n");
    }

    private static void agreementRow(StringBuilder md, QualityViews.Figures f, String name) {
        cells(md, name, estimate(f.alphaNominal()), estimate(f.percentAgreement()), estimate(f.fleissKappa()));
    }

    /** {@code 0.712 (0.650–0.771)}, or why there is no value. */
    static String estimate(QualityViews.Estimate e) {
        if (e == null) {
            return "n/a";
        }
        if (e.value() == null) {
            return e.note() == null ? "n/a" : "n/a: " + text(e.note());
        }
        String value = String.format(Locale.ROOT, "%.3f", e.value());
        if (e.low() == null || e.high() == null) {
            return value;
        }
        return value + String.format(Locale.ROOT, " (%.3f–%.3f)", e.low(), e.high());
    }

    /** The transparency report's pay and exposure figures. */
    private static void transparency(StringBuilder md, DatasetCard.Transparency t, String currency) {
        TransparencyReport.Pay p = t.pay();
        TransparencyReport.Distribution spread = p.effectiveHourlyPay();
        md.append("Paid so far, from the transparency report:\n\n");
        table(md, "Figure", "Value", "---");
        cells(md, "Raters paid", Long.toString(p.raters()));
        cells(md, "Paid hours", p.paidHours().toPlainString());
        if (spread != null) {
            cells(md, "Effective hourly pay, lowest", money(spread.min(), currency));
            cells(md, "Effective hourly pay, 10th percentile", money(spread.p10(), currency));
            cells(md, "Effective hourly pay, median", money(spread.median(), currency));
        }
        cells(
                md,
                "Top-ups",
                p.topUps().count() + ", totalling " + money(p.topUps().total(), currency));
        md.append('\n');

        md.append("## Exposure to sensitive content\n\n");
        if (t.exposure().isEmpty()) {
            md.append("No item carried a content warning.\n");
        } else {
            md.append("| Category | Items warned | Revealed | Skipped as distressing |\n");
            md.append("| --- | ---: | ---: | ---: |\n");
            for (TransparencyReport.Exposure e : t.exposure()) {
                cells(
                        md,
                        key(e.category()),
                        Long.toString(e.warned()),
                        Long.toString(e.revealed()),
                        Long.toString(e.distressingSkips()));
            }
        }
        md.append("\nItems without a warning skipped as distressing: ")
                .append(t.distressingSkipsUnwarned())
                .append(".\n\n");
    }

    private static String money(Money amount, String currency) {
        return amount == null ? "n/a" : amount + " " + currency;
    }

    private static void contributors(StringBuilder md, DatasetCard.Contributors people) {
        long anonymous = people.anonymous();
        if (people.credited().isEmpty() && anonymous == 0) {
            md.append("No one has judged this campaign yet.\n");
            return;
        }
        md.append("With thanks to the raters who judged this campaign.\n\n");
        if (people.credited().isEmpty()) {
            md.append(anonymous).append(anonymous == 1 ? " anonymous contributor.\n" : " anonymous contributors.\n");
            return;
        }
        for (String name : people.credited()) {
            md.append("- ").append(blockStart(text(name))).append('\n');
        }
        if (anonymous > 0) {
            md.append("\nand ")
                    .append(anonymous)
                    .append(anonymous == 1 ? " anonymous contributor.\n" : " anonymous contributors.\n");
        }
        md.append("\nRaters choose whether to be credited, and under which name; the others are not named.\n");
    }

    /**
     * The metadata block a dataset hub reads. Only the title is free text, written as a double-quoted YAML
     * string; the size category counts the records (judgments). {@code configs} names the export files, one
     * configuration per format (file names are the slug and the format, which need no quoting), trl first
     * and the default.
     */
    private static void frontMatter(StringBuilder md, DatasetCard card) {
        md.append("---\n");
        md.append("pretty_name: ").append(yamlString(card.title())).append('\n');
        md.append("size_categories:\n- ")
                .append(sizeCategory(card.data().judgments()))
                .append('\n');
        md.append("tags:\n- human-feedback\n- rlhf\n- pairwise-preferences\n");
        md.append("configs:\n");
        boolean first = true;
        for (DatasetCard.ExportFile file : card.exports()) {
            md.append("- config_name: ").append(file.config()).append('\n');
            md.append("  data_files:\n  - split: train\n    path: ")
                    .append(file.file())
                    .append('\n');
            if (first) {
                md.append("  default: true\n");
                first = false;
            }
        }
        md.append("---\n\n");
    }

    /** The hub's size bucket of {@code n} records: {@code n<1K}, {@code 1K<n<10K}, … {@code n>1T}. */
    static String sizeCategory(long n) {
        String[] bounds = {"1K", "10K", "100K", "1M", "10M", "100M", "1B", "10B", "100B", "1T"};
        long limit = 1_000;
        if (n < limit) {
            return "n<1K";
        }
        for (int i = 1; i < bounds.length; i++) {
            limit *= 10;
            if (n < limit) {
                return bounds[i - 1] + "<n<" + bounds[i];
            }
        }
        return "n>1T";
    }

    private static void table(StringBuilder md, String first, String second, String secondAlign) {
        cells(md, first, second);
        md.append("| --- | ").append(secondAlign).append(" |\n");
    }

    private static void cells(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static <T> String codes(List<T> values, Function<T, String> wire) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(i == values.size() - 1 ? " or " : ", ");
            }
            out.append('`').append(wire.apply(values.get(i))).append('`');
        }
        return out.toString();
    }

    /** A criterion name in a code span ({@code helpfulness}), or escaped if it is not one the API accepts. */
    private static String key(String name) {
        return KEY.matcher(name).matches() ? "`" + name + "`" : text(name);
    }

    static String text(String value) {
        return MarkdownText.escape(value);
    }

    /**
     * Escaped text placed where a block starts (a list item's content), which {@link #text} alone leaves
     * open: leading spaces (an indented code block), and a leading {@code -}, {@code +} or {@code =} or an
     * ordered-list marker such as {@code 1.} (a nested list, a rule).
     */
    static String blockStart(String escaped) {
        String s = escaped.stripLeading();
        if (s.startsWith("-") || s.startsWith("+") || s.startsWith("=")) {
            return "\\" + s;
        }
        var marker = ORDERED_MARKER.matcher(s);
        if (marker.find()) {
            return marker.group(1) + "\\" + marker.group(2) + s.substring(marker.end());
        }
        return s;
    }

    /** A YAML double-quoted scalar: quotes, backslashes and every control or line-separator character escaped. */
    static String yamlString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || c == 0x85 || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
