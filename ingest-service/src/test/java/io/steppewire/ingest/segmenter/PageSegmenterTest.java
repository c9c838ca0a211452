package io.steppewire.ingest.segmenter;

import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.support.Pages;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PageSegmenterTest {

    private final PageSegmenter segmenter = new PageSegmenter();
    private final SegmentedPage frontPage = segmenter.segment(Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE));

    @Test
    void splitsTheFrontPageIntoItsFiveArticles() {
        assertThat(frontPage.articles()).extracting(SegmentedArticle::title).containsExactly(
                "Uzbekistan Switches On Its Largest Solar Park Near Bukhara",
                "Why Are Kyrgyz Farmers Moving to Drip Irrigation?",
                "Video: “Water for Tomorrow” – Highlights From the Dushanbe Water Conference",
                "Letter From Aral: A Sea That Keeps Shrinking",
                "Tengizchevroil Reports Record Output as Oil Prices Slip");
    }

    @Test
    void readsThePageDate() {
        assertThat(frontPage.date()).isEqualTo(LocalDate.of(2026, 3, 14));
    }

    @Test
    void countsEachTickerQuoteOnceAndKeepsItsDecimals() {
        assertThat(frontPage.quotes()).extracting(TickerQuote::pair)
                .containsExactly("KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD");
        TickerQuote tenge = frontPage.quotes().get(1);
        assertThat(tenge.rate()).isEqualTo(new BigDecimal("0.00201"));
        assertThat(tenge.decimals()).isEqualTo(5);
        assertThat(tenge.changePct()).isEqualTo(new BigDecimal("0.12"));
        assertThat(frontPage.quotes().get(2).changePct()).isEqualTo(new BigDecimal("-0.37"));
    }

    @Test
    void keepsSubheadingsInsideTheFeatureAndDropsItsCaptions() {
        SegmentedArticle aral = frontPage.articles().get(3);
        assertThat(aral.body()).containsExactly(
                BodyBlock.paragraph("The bus from Kyzylorda drops you at a square where the harbor master’s office still stands."),
                BodyBlock.subheading("Harbor Without Boats"),
                BodyBlock.paragraph("Rusting hulls lie in the sand a full day’s walk from the water."),
                BodyBlock.subheading("The Road Back"),
                BodyBlock.paragraph("Some families have returned since a dam raised the northern lake."));
        assertThat(aral.imageCredits()).containsExactly("Aigerim Sadykova");
    }

    @Test
    void joinsWrappedParagraphLinesWithASpace() {
        assertThat(frontPage.articles().getFirst().lede()).isEqualTo(
                "TASHKENT – A 500-megawatt solar park outside Bukhara began feeding the national grid on"
                        + " Tuesday, the energy ministry said, adding that a second phase is due next spring.");
    }

    @Test
    void dropsBoilerplateFromTheVideoArticle() {
        assertThat(frontPage.articles().get(2).paragraphs()).containsExactly(
                "Ministers and engineers from twelve countries met in Dushanbe this week to discuss glacier loss.");
    }

    @Test
    void givesEveryLineExactlyOneRoleWithAReason() {
        String text = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE);
        assertThat(frontPage.lines()).hasSize(PageSegmenter.splitLines(text).size());
        assertThat(frontPage.lines()).allSatisfy(line -> {
            assertThat(line.role()).isNotNull();
            assertThat(line.reason()).isNotBlank();
        });
        assertThat(frontPage.lines()).filteredOn(l -> l.role() == LineRole.TICKER).hasSize(10);
        assertThat(frontPage.lines()).filteredOn(l -> l.role() == LineRole.CAPTION).hasSize(2);
        assertThat(frontPage.lines()).filteredOn(l -> l.role() == LineRole.BOILERPLATE).extracting(ClassifiedLine::text)
                .containsExactly("Follow our special coverage of the Dushanbe Water Conference here.");
    }

    @Test
    void explainsWhyASubheadingIsNotATitle() {
        ClassifiedLine harbor = frontPage.lines().stream().filter(l -> l.text().equals("Harbor Without Boats"))
                .findFirst().orElseThrow();
        assertThat(harbor.role()).isEqualTo(LineRole.SUBHEADING);
        assertThat(harbor.reason()).contains("caption").contains("3 words");
    }

    @Test
    void treatsLinesOfOnlySpacesAsBlank() {
        ClassifiedLine spaces = frontPage.lines().stream().filter(l -> l.text().equals(" ")).findFirst().orElseThrow();
        assertThat(spaces.role()).isEqualTo(LineRole.BLANK);
    }

    @Test
    void findsNoArticleInAPageOfOnlyTickerAndProse() {
        SegmentedPage page = segmenter.segment("""
                • KZT/USD = 0.00201 0.12%
                14 March 2026

                this line is plain lower-case prose that ends like a sentence.
                """);
        assertThat(page.articles()).isEmpty();
        assertThat(page.quotes()).hasSize(1);
        assertThat(page.lines()).extracting(ClassifiedLine::role)
                .containsExactly(LineRole.TICKER, LineRole.DATE, LineRole.BLANK, LineRole.BOILERPLATE);
    }

    @Test
    void ignoresGarbledTickerCellsWithTheirReasonAndKeepsTheRestOfThePage() {
        SegmentedPage page = segmenter.segment("""
                • KZT/USD = 1E5 0.12%
                  • UZS/USD = 1234567890123456789012345678901234567890 0%
                  • TJS/USD = 0.0000000000001 0%
                  • TMT/USD = 0.2857 2000000%
                  • AFN/USD = -0.014 1%
                  • KGS/USD = 0.01150 0%
                14 March 2026

                Bishkek Repaints Its Trolleybuses

                BISHKEK – The city chose green.
                """);

        assertThat(page.quotes()).extracting(TickerQuote::pair).containsExactly("KGS/USD");
        assertThat(page.lines().subList(0, 6)).extracting(ClassifiedLine::role).containsOnly(LineRole.TICKER);
        assertThat(page.lines().subList(0, 5)).extracting(ClassifiedLine::reason)
                .allSatisfy(reason -> assertThat(reason).startsWith("ticker: not a usable quote, ignored"));
        assertThat(page.lines().get(0).reason()).contains("no exponent");
        assertThat(page.lines().get(1).reason()).contains("at most 30 significant digits");
        assertThat(page.lines().get(2).reason()).contains("the rate must be between 0.000000000001 and 1000000000000");
        assertThat(page.lines().get(3).reason()).contains("the change must be between -1000000 and 1000000");
        assertThat(page.lines().get(4).reason()).contains("got -0.014");
        assertThat(page.articles()).extracting(SegmentedArticle::title).containsExactly("Bishkek Repaints Its Trolleybuses");
    }

    @Test
    void keepsTheFirstQuoteWhenTheTickerContradictsItself() {
        SegmentedPage page = segmenter.segment("""
                • KZT/USD = 0.00201 0.12%
                  • KZT/USD = 0.00199 -0.10%
                """);
        assertThat(page.quotes()).singleElement().extracting(TickerQuote::rate).isEqualTo(new BigDecimal("0.00201"));
        assertThat(page.lines().get(1).reason()).contains("differs").contains("line 1");
    }

    @Test
    void datesAnArticleByADateLineUnderItsTitle() {
        SegmentedPage page = segmenter.segment("""
                14 March 2026

                Almaty Opens a New Metro Station in the Southern District

                12 March 2026

                ALMATY – The city opened its newest metro station on Thursday after three years of digging.
                """);
        assertThat(page.articles()).singleElement().extracting(SegmentedArticle::ownDate)
                .isEqualTo(LocalDate.of(2026, 3, 12));
    }
}
