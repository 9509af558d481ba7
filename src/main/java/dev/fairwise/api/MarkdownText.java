package dev.fairwise.api;

/** Text people typed, made literal for the Markdown documents the service writes (reports, cards). */
public final class MarkdownText {
    private MarkdownText() {}

    /**
     * Text as literal Markdown inside a line (never at its start): punctuation that could format, link or
     * make a table cell is backslash-escaped, the characters of HTML and entities become entities, and line
     * breaks and tabs become spaces, so a value stays in its heading, table cell or list item.
     */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r', '\n', '\t', '\u000B', '\f', '\u2028', '\u2029' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '#', '!', '|', '~' ->
                    out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
