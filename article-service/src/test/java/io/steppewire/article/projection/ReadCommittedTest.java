package io.steppewire.article.projection;

import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.article.support.TransactionalIngest;
import io.steppewire.events.article.ArticleIngested;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ingest-service writes articles in Kafka transactions; what an aborted one wrote must never be projected. */
class ReadCommittedTest extends ServiceTest {

    @Test
    void neverStoresAnArticleOfAnAbortedTransaction() {
        ArticleIngested aborted = Newsroom.story("aborted-tribune", "Tribune Retracts a Story Before It Runs",
                "KHUJAND - The story was never meant to be printed.").about("TJ").event();
        ArticleIngested committed = Newsroom.story("aborted-tribune", "Tribune Prints Its Correction",
                "KHUJAND - The correction ran on page two.").about("TJ").event();

        TransactionalIngest.abortThenCommit(brokers, aborted, committed);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/articles/" + committed.articleId()).status()).isEqualTo(200));
        assertThat(api.get("/api/articles/" + aborted.articleId()).status()).isEqualTo(404);
    }
}
