package io.steppewire.article.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchAnalysisTest {

    @Test
    void stemsEnglishWordsAndDropsStopWords() {
        assertThat(SearchAnalysis.terms("The elections in the mountains are over"))
                .containsExactly("elect", "mountain", "over");
    }

    @Test
    void indexesTitleAndBodyWithCountsAndKeepsTitleTermsApart() {
        IndexedText indexed = SearchAnalysis.index("Pipeline Talks Resume",
                List.of("Talks on the pipeline resumed in Ashgabat.", "A second round of talks is planned."));

        assertThat(indexed.terms()).isSorted().contains("pipelin", "talk", "resum", "ashgabat");
        assertThat(indexed.termCounts().get(indexed.terms().indexOf("talk"))).isEqualTo(3);
        assertThat(indexed.titleTerms()).containsExactly("pipelin", "resum", "talk");
        assertThat(indexed.phraseText()).isEqualTo("pipeline talks resume | talks on the pipeline resumed in ashgabat"
                + " | a second round of talks is planned");
    }

    @Test
    void foldsCasePunctuationAndCompatibilityFormsForPhrases() {
        assertThat(SearchAnalysis.phraseForm("  Ｔenge’s  RATE—fell!  ")).isEqualTo("tenge s rate fell");
    }
}
