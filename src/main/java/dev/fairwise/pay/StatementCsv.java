package dev.fairwise.pay;

import java.util.List;

/**
 * A statement as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote
 * or a line break, quotes doubled): one row per ledger entry, then one row of kind {@code top_up} per
 * campaign whose work in the period was topped up to the floor (no time of its own, no {@code earned_at}).
 * The {@code amount} column of one currency sums to what the rater is paid in it.
 */
final class StatementCsv {
    static final String MEDIA_TYPE = "text/csv";

    static final List<String> HEADER =
            List.of("period", "rater", "earned_at", "campaign", "kind", "paid_ms", "amount", "currency");

    private StatementCsv() {}

    static String render(Statement statement) {
        StringBuilder out = new StringBuilder(64 * (statement.entries().size() + 8));
        row(out, HEADER);
        for (Statement.Entry e : statement.entries()) {
            row(
                    out,
                    List.of(
                            statement.period(),
                            statement.rater(),
                            e.earnedAt().toString(),
                            e.campaign(),
                            e.kind(),
                            Long.toString(e.paidMs()),
                            e.amount().text(),
                            e.currency()));
        }
        for (Statement.CampaignPay c : statement.campaigns()) {
            if (c.topUp().value().signum() > 0) {
                row(
                        out,
                        List.of(
                                statement.period(),
                                statement.rater(),
                                "",
                                c.campaign(),
                                "top_up",
                                "0",
                                c.topUp().text(),
                                c.currency()));
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(out, fields.get(i));
        }
        out.append("\r\n");
    }

    private static void field(StringBuilder out, String value) {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
