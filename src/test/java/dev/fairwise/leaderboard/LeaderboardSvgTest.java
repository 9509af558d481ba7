package dev.fairwise.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LeaderboardSvgTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Groups of class "row": one per model. */
    static List<Element> rows(Document svg) {
        NodeList groups = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<Element> rows = new java.util.ArrayList<>();
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if ("row".equals(g.getAttribute("class"))) {
                rows.add(g);
            }
        }
        return rows;
    }

    @Test
    void aBoardIsAnAccessibleSvgWithOneRowPerModelBestFirstAndAnAxisWithTickLabels() throws Exception {
        LeaderboardViews.Board board = Leaderboard.compute(
                "chart",
                List.of(
                        new Leaderboard.Cell("a-model", "b-model", "a", 4),
                        new Leaderboard.Cell("a-model", "b-model", "b", 2),
                        new Leaderboard.Cell("b-model", "c-model", "a", 3),
                        new Leaderboard.Cell("b-model", "c-model", "b", 2),
                        new Leaderboard.Cell("a-model", "c-model", "b", 1),
                        new Leaderboard.Cell("a-model", "c-model", "a", 3)),
                100,
                NOW);

        Document svg = parse(LeaderboardSvg.render(board));

        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("role")).isEqualTo("img");
        assertThat(root.getAttribute("aria-labelledby")).isEqualTo("title desc");
        assertThat(root.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .contains("chart");
        assertThat(root.getElementsByTagNameNS("*", "desc").item(0).getTextContent())
                .contains("a-model")
                .contains("c-model")
                .contains("mean is 1000");
        List<Element> rows = rows(svg);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getTextContent()).contains("1. a-model");
        assertThat(rows.get(2).getTextContent()).contains("c-model");
        assertThat(rows)
                .allSatisfy(row -> assertThat(
                                row.getElementsByTagNameNS("*", "circle").getLength())
                        .isEqualTo(1));
        NodeList axis = svg.getElementsByTagNameNS("*", "g");
        Element axisGroup = (Element) axis.item(0);
        assertThat(axisGroup.getAttribute("class")).isEqualTo("axis");
        assertThat(axisGroup.getElementsByTagNameNS("*", "text").getLength()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aHostileModelNameIsEscapedAsTextAndNeverBecomesMarkup() throws Exception {
        String hostile = "<script>alert(1)</script> & \"quoted\" 'single' \u0007bell";
        LeaderboardViews.Board board = Leaderboard.compute(
                "chart",
                List.of(new Leaderboard.Cell(hostile, "plain", "a", 2), new Leaderboard.Cell(hostile, "plain", "b", 1)),
                50,
                NOW);

        String text = LeaderboardSvg.render(board);
        Document svg = parse(text);

        assertThat(text)
                .doesNotContain("<script")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;");
        assertThat(svg.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(rows(svg)).hasSize(2);
        // the row's tooltip carries the whole name back as text (the bell, which XML cannot carry, replaced)
        assertThat(rows(svg).get(0).getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .contains("<script>alert(1)</script> & \"quoted\" 'single' \uFFFDbell");
    }

    @Test
    void anEmptyBoardIsAChartThatSaysSo() throws Exception {
        Document svg = parse(LeaderboardSvg.render(Leaderboard.compute("chart", List.of(), 100, NOW)));

        assertThat(rows(svg)).isEmpty();
        assertThat(svg.getDocumentElement().getTextContent()).contains("No battles yet");
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        assertThat(LeaderboardSvg.ticks(904.6, 1095.4)).containsExactly(900, 950, 1000, 1050, 1100);
        assertThat(LeaderboardSvg.ticks(1000, 1000)).containsExactly(990, 995, 1000, 1005, 1010);
    }
}
