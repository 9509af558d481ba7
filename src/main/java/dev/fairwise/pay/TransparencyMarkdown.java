package dev.fairwise.pay;

import dev.fairwise.api.MarkdownText;
import java.util.List;

/**
 * A transparency report as a Markdown document, for a client or an auditor to read as it is. Text that came
 * from people (the campaign's title) is escaped, so it can neither format the document nor carry HTML.
 */
final class TransparencyMarkdown {
    static final String MEDIA_TYPE = "text/markdown";

    private TransparencyMarkdown() {}

    static String render(TransparencyReport r) {
        StringBuilder md = new StringBuilder(4096);
        String currency = r.payTerms().currency();
        md.append("# Transparency report: ").append(escape(r.title())).append("\n\n");
        md.append("Campaign `")
                .append(r.campaign())
                .append("` (")
                .append(r.state())
                .append("). Figures cover the whole campaign, read at ")
                .append(r.generatedAt())
                .append(". No rater is named.\n\n");

        md.append("## Pay terms\n\n");
        table(md, List.of("Term", "Value"), "---");
        PayTerms terms = r.payTerms();
        String pay = "per_judgment".equals(terms.payKind())
                ? terms.amount() + " " + currency + " per judgment"
                : terms.amount() + " " + currency + " per hour of active time";
        cells(md, "Pay", pay);
        cells(
                md,
                "Floor",
                terms.floor() == null
                        ? "none set for " + currency
                        : terms.floor() + " " + currency + " per hour of active time");
        cells(
                md,
                "Top-ups",
                "per rater, per " + terms.payPeriod()
                        + " and per campaign: whatever brings pay to the floor, rounded up to the cent");
        md.append('\n');

        md.append("## Pay\n\n");
        TransparencyReport.Pay p = r.pay();
        TransparencyReport.Distribution spread = p.effectiveHourlyPay();
        table(md, List.of("Figure", "Value"), "---");
        cells(md, "Raters", Long.toString(p.raters()));
        cells(md, "Paid hours", p.paidHours().toPlainString());
        cells(md, "Effective hourly pay, lowest", money(spread.min(), currency));
        cells(md, "Effective hourly pay, 10th percentile", money(spread.p10(), currency));
        cells(md, "Effective hourly pay, median", money(spread.median(), currency));
        cells(
                md,
                "Top-ups",
                p.topUps().count() + ", totalling " + money(p.topUps().total(), currency));
        md.append("\nRaters are those with any paid work logged. Effective hourly pay is a rater's earnings and")
                .append(" top-ups in this campaign per hour of paid time, over the ")
                .append(spread.raters())
                .append(spread.raters() == 1 ? " rater" : " raters")
                .append(" with paid time.\n\n");

        md.append("## Exposure to sensitive content\n\n");
        if (r.exposure().isEmpty()) {
            md.append("No item carried a warning.\n\n");
        } else {
            table(md, List.of("Category", "Items warned", "Items revealed", "Skipped as distressing"), "---:");
            for (TransparencyReport.Exposure e : r.exposure()) {
                cells(
                        md,
                        tag(e.category()),
                        Long.toString(e.warned()),
                        Long.toString(e.revealed()),
                        Long.toString(e.distressingSkips()));
            }
            md.append('\n');
        }
        md.append("Items skipped as distressing that carried no warning: ")
                .append(r.distressingSkipsUnwarned())
                .append(".\n\n");

        md.append("## Skips by reason\n\n");
        if (r.skips().isEmpty()) {
            md.append("No item was skipped.\n\n");
        } else {
            table(md, List.of("Reason", "Skips"), "---:");
            for (TransparencyReport.Skips s : r.skips()) {
                cells(md, words(s.reason()), Long.toString(s.skips()));
            }
            md.append('\n');
        }

        md.append("## Flags\n\n");
        TransparencyReport.Flags f = r.flags();
        if (f.total() == 0) {
            md.append("No flag was raised.\n");
        } else {
            table(md, List.of("Kind", "Flags", "Answered"), "---:");
            for (TransparencyReport.FlagKind k : f.byKind()) {
                cells(md, words(k.kind()), Long.toString(k.flags()), Long.toString(k.answered()));
            }
            md.append('\n')
                    .append(f.total())
                    .append(f.total() == 1 ? " flag: " : " flags: ")
                    .append(f.answered())
                    .append(" answered, ")
                    .append(f.open())
                    .append(" open.");
            if (f.medianAnswerMs() != null) {
                md.append(" Time to answer: median ")
                        .append(duration(f.medianAnswerMs()))
                        .append(", longest ")
                        .append(duration(f.maxAnswerMs()))
                        .append('.');
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<String> header, String numericAlign) {
        cells(md, header.toArray(String[]::new));
        md.append("| ---");
        for (int i = 1; i < header.size(); i++) {
            md.append(" | ").append(numericAlign);
        }
        md.append(" |\n");
    }

    private static void cells(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String money(Money amount, String currency) {
        return amount == null ? "none (no paid time)" : amount + " " + currency;
    }

    /** A content tag as it is configured, in a code span ({@code self_harm}). */
    private static String tag(String category) {
        return category.matches("[A-Za-z0-9_-]+") ? "`" + category + "`" : escape(category);
    }

    /** A value of one of the service's own enumerations, as words: {@code cannot_judge} is "cannot judge". */
    private static String words(String value) {
        return escape(value.replace('_', ' '));
    }

    /** {@code 3 h 0 min}, {@code 12 min 5 s} or {@code 4 s}. */
    static String duration(long ms) {
        long seconds = ms / 1000;
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min " + seconds % 60 + " s";
        }
        return seconds + " s";
    }

    static String escape(String value) {
        return MarkdownText.escape(value);
    }
}
