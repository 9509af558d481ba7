package dev.fairwise.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown from models and pipelines becomes HTML that can format but never run or load anything. */
class MarkdownTest {

    @Test
    void formattingCodeAndTablesAreRendered() {
        String html = Markdown.html("**b** _i_\n\n```js\nlet x = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assertThat(html)
                .contains("<strong>b</strong>")
                .contains("<em>i</em>")
                .contains("<pre><code class=\"language-js\">let x = 1 &lt; 2;\n</code></pre>")
                .contains("<table>")
                .contains("<td>1</td>");
    }

    @Test
    void rawHtmlIsEscapedNotPassedThrough() {
        String html = Markdown.html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(2)> <b onclick=x>b</b>");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b ");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void linksKeepOnlyWebAndMailUrlsAndNeverSendTheReferrer() {
        assertThat(Markdown.html("[x](javascript:alert(1))"))
                .doesNotContain("href")
                .doesNotContain("javascript:")
                .contains(">x</a>");
        assertThat(Markdown.html("[x](data:text/html,<script>alert(1)</script>)"))
                .doesNotContain("data:");
        assertThat(Markdown.html("[x](vbscript:msgbox)")).doesNotContain("vbscript:");
        assertThat(Markdown.html("![i](javascript:alert(1))")).doesNotContain("javascript:");
        assertThat(Markdown.html("[x](https://example.org/a?b=1)"))
                .contains("href=\"https://example.org/a?b=1\"")
                .contains("rel=\"nofollow noopener noreferrer\"");
        assertThat(Markdown.html("[x](mailto:a@example.org)")).contains("href=\"mailto:a@example.org\"");
    }

    @Test
    void emptyOrMissingTextRendersNothing() {
        assertThat(Markdown.html(null)).isEmpty();
        assertThat(Markdown.html("")).isEmpty();
    }
}
