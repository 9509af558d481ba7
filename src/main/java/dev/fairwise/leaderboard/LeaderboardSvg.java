package dev.fairwise.leaderboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a leaderboard as an SVG chart: one row per model, best first, with its rating as a dot on its bootstrap
 * 95 % interval, on a horizontal rating axis with tick labels. Accessible: {@code role="img"} with a {@code
 * <title>} and a {@code <desc>} that reads the whole table out. Model names come from pipelines, so every piece of
 * text is escaped as XML (and characters XML cannot carry are replaced), never trusted.
 */
public final class LeaderboardSvg {
    /** The media type of the chart. */
    public static final String MEDIA_TYPE = "image/svg+xml";

    private static final int WIDTH = 760;
    private static final int LABEL_RIGHT = 230; // model names end here
    private static final int PLOT_LEFT = 245;
    private static final int PLOT_RIGHT = 585;
    private static final int VALUE_LEFT = 600; // "1095 [1050, 1140]"
    private static final int TOP = 58; // below the heading
    private static final int ROW = 28;
    private static final int AXIS = 46; // room for the axis below the rows
    private static final int NAME_LENGTH = 30; // longer names are cut (the row's title carries the whole name)

    private LeaderboardSvg() {}

    /** The chart of a board (rows in the board's order, i.e. best first). */
    public static String render(LeaderboardViews.Board board) {
        List<LeaderboardViews.ModelRating> rows = board.models();
        int height = TOP + Math.max(1, rows.size()) * ROW + AXIS;
        StringBuilder svg = new StringBuilder(2048 + rows.size() * 600);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"title desc\"")
                .append(" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"13\">\n");
        String heading = "Model leaderboard of campaign " + board.campaign();
        svg.append("<title id=\"title\">").append(text(heading)).append("</title>\n");
        svg.append("<desc id=\"desc\">").append(text(description(board))).append("</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">")
                .append(text(heading))
                .append("</text>\n");
        svg.append("<text x=\"16\" y=\"45\" fill=\"#4d4d4d\">")
                .append(text("Bradley–Terry rating (mean 1000) with bootstrap 95 % interval; " + board.battles()
                        + " battles"))
                .append("</text>\n");
        if (rows.isEmpty()) {
            svg.append("<text x=\"16\" y=\"")
                    .append(TOP + ROW / 2 + 4)
                    .append("\" fill=\"#1a1a1a\">")
                    .append(text("No battles yet."))
                    .append("</text>\n</svg>\n");
            return svg.toString();
        }

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (LeaderboardViews.ModelRating r : rows) {
            min = Math.min(min, r.low() == null ? r.rating() : Math.min(r.low(), r.rating()));
            max = Math.max(max, r.high() == null ? r.rating() : Math.max(r.high(), r.rating()));
        }
        double[] ticks = ticks(min, max);
        double from = ticks[0];
        double to = ticks[ticks.length - 1];
        Scale x = value -> PLOT_LEFT + (value - from) / (to - from) * (PLOT_RIGHT - PLOT_LEFT);

        int axisY = TOP + rows.size() * ROW + 6;
        svg.append("<g class=\"axis\" fill=\"#4d4d4d\" text-anchor=\"middle\">\n");
        for (double tick : ticks) {
            String at = number(x.at(tick));
            svg.append("<line x1=\"")
                    .append(at)
                    .append("\" x2=\"")
                    .append(at)
                    .append("\" y1=\"")
                    .append(TOP)
                    .append("\" y2=\"")
                    .append(axisY + 5)
                    .append("\" stroke=\"#d9d9d9\"/>\n");
            svg.append("<text x=\"")
                    .append(at)
                    .append("\" y=\"")
                    .append(axisY + 20)
                    .append("\">")
                    .append(number(tick))
                    .append("</text>\n");
        }
        svg.append("<line x1=\"")
                .append(PLOT_LEFT)
                .append("\" x2=\"")
                .append(PLOT_RIGHT)
                .append("\" y1=\"")
                .append(axisY)
                .append("\" y2=\"")
                .append(axisY)
                .append("\" stroke=\"#4d4d4d\"/>\n");
        svg.append("<text x=\"")
                .append((PLOT_LEFT + PLOT_RIGHT) / 2)
                .append("\" y=\"")
                .append(axisY + 38)
                .append("\">rating</text>\n</g>\n");

        for (int i = 0; i < rows.size(); i++) {
            LeaderboardViews.ModelRating r = rows.get(i);
            int y = TOP + i * ROW + ROW / 2;
            svg.append("<g class=\"row\">\n<title>").append(text(line(r))).append("</title>\n");
            svg.append("<text x=\"")
                    .append(LABEL_RIGHT)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" text-anchor=\"end\" fill=\"#1a1a1a\">")
                    .append(text(r.rank() + ". " + shortened(r.model())))
                    .append("</text>\n");
            if (r.low() != null && r.high() != null) {
                svg.append("<line x1=\"")
                        .append(number(x.at(r.low())))
                        .append("\" x2=\"")
                        .append(number(x.at(r.high())))
                        .append("\" y1=\"")
                        .append(y)
                        .append("\" y2=\"")
                        .append(y)
                        .append("\" stroke=\"#1f5fa8\" stroke-width=\"3\" stroke-linecap=\"round\"/>\n");
            }
            svg.append("<circle cx=\"")
                    .append(number(x.at(r.rating())))
                    .append("\" cy=\"")
                    .append(y)
                    .append("\" r=\"5\" fill=\"#0b2e59\"/>\n");
            svg.append("<text x=\"")
                    .append(VALUE_LEFT)
                    .append("\" y=\"")
                    .append(y + 4)
                    .append("\" fill=\"#1a1a1a\">")
                    .append(text(value(r)))
                    .append("</text>\n</g>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private interface Scale {
        double at(double value);
    }

    /** The whole table in words, for screen readers. */
    private static String description(LeaderboardViews.Board board) {
        if (board.models().isEmpty()) {
            return "No battles yet: there is nothing to rate.";
        }
        List<String> lines = new ArrayList<>();
        lines.add("Bradley–Terry ratings from " + board.battles()
                + " battles, on a scale where the models' mean is 1000 and 400 points are a factor of 10 in the odds"
                + " of winning; best first.");
        board.models().forEach(r -> lines.add(line(r) + "."));
        return String.join(" ", lines);
    }

    private static String line(LeaderboardViews.ModelRating r) {
        return "Rank " + r.rank() + ": " + r.model() + ", rating " + value(r) + ", " + r.battles()
                + " battles, win rate " + Math.round(r.winRate() * 100) + " %";
    }

    private static String value(LeaderboardViews.ModelRating r) {
        String rating = Long.toString(Math.round(r.rating()));
        return r.low() == null || r.high() == null
                ? rating
                : rating + " [" + Math.round(r.low()) + ", " + Math.round(r.high()) + "]";
    }

    private static String shortened(String name) {
        if (name.codePointCount(0, name.length()) <= NAME_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, NAME_LENGTH - 1)) + "…";
    }

    /**
     * Tick values: a round step (1, 2 or 5 times a power of ten) giving about five intervals, from the last tick at
     * or below {@code min} to the first at or above {@code max}.
     */
    static double[] ticks(double min, double max) {
        if (max - min < 1) {
            min -= 10;
            max += 10;
        }
        double raw = (max - min) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double factor : new double[] {1, 2, 5, 10}) {
            step = factor * power;
            if (step >= raw) {
                break;
            }
        }
        double first = Math.floor(min / step) * step;
        double last = Math.ceil(max / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = first + i * step;
        }
        return ticks;
    }

    private static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded)
                ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded);
    }

    /**
     * Text as XML character data or attribute value: the five markup characters escaped, and characters XML 1.0
     * cannot carry at all (most control characters, lone surrogates) replaced with U+FFFD.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : 0xFFFD);
                }
            }
        }
        return out.toString();
    }
}
