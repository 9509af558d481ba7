package dev.fairwise.ui;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from completions, prompts and instructions, rendered on the server for the rater UI. Raw HTML in
 * the text is escaped (never passed through), link and image URLs are sanitised to http, https and mailto,
 * (a link whose URL is refused keeps its text but no target), and links get
 * {@code rel="nofollow noopener noreferrer"}, so nothing a model or a pipeline wrote can run as
 * script in a rater's browser. The pages' Content-Security-Policy forbids inline script and images from
 * elsewhere as a second line of defence.
 */
final class Markdown {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    if (attributes.getOrDefault("href", "").isEmpty()) {
                        // a URL the sanitiser refused: plain text, not a link to this very page
                        attributes.remove("href");
                    } else {
                        attributes.put("rel", "nofollow noopener noreferrer");
                    }
                }
            })
            .softbreak("<br>\n")
            .build();

    private Markdown() {}

    /** Safe HTML for {@code text}; an empty string for null. */
    static String html(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(text));
    }
}
