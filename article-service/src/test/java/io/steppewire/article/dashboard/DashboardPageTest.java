package io.steppewire.article.dashboard;

import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.Topics;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard as the browser gets it: the page, its modules and styles, the headers that confine them, its reads. */
class DashboardPageTest extends ServiceTest {

    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from\\s+|import\\()\\s*'([^']+)'");

    @Value("${steppewire.api.key}")
    String adminKey;

    private Answer get(String path, Map<String, String> headers) throws IOException {
        return RawHttp.send(port, "GET", path, headers, "");
    }

    @Test
    void servesThePageAtTheRootWithAPolicyThatAllowsOnlyItselfAndTheServicesItCalls() throws IOException {
        Answer page = get("/", Map.of());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\">").contains("name=\"viewport\"")
                .contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>");
        Matcher scripts = SCRIPT_TAG.matcher(page.body());
        while (scripts.find()) {
            assertThat(scripts.group(1)).as("every script is a file").contains("src=");
            assertThat(scripts.group(2)).as("no inline script").isBlank();
        }
        assertThat(page.body()).doesNotContainPattern("(?i)\\son[a-z]+=").doesNotContain("style=");
        String policy = page.header("content-security-policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'",
                "base-uri 'none'", "object-src 'none'",
                "connect-src 'self' http://localhost:8081 http://localhost:8082 http://localhost:8084;");
        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("referrer-policy")).isEqualTo("no-referrer");
    }

    @Test
    void everyModuleStylesheetAndTheChartLibraryThePageLoadsIsServedWithItsType() throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Matcher assets = ASSET.matcher(get("/", Map.of()).body());
        while (assets.find()) {
            todo.add(assets.group(1));
        }
        while (!todo.isEmpty()) {
            String path = todo.poll();
            if (!seen.add(path)) {
                continue;
            }
            Answer asset = get(path, Map.of());
            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.header("content-security-policy")).as(path).contains("script-src 'self'");
            if (path.endsWith(".js")) {
                assertThat(asset.header("content-type")).as(path).matches("(text|application)/javascript.*");
                Matcher imports = IMPORT.matcher(asset.body());
                while (imports.find()) {
                    todo.add(resolve(path, imports.group(1)));
                }
            } else {
                assertThat(asset.header("content-type")).as(path).startsWith("text/css");
            }
        }
        assertThat(seen).contains("/dashboard/app.js", "/dashboard/dashboard.css", "/dashboard/pages/rates.js",
                "/dashboard/pages/news.js", "/dashboard/pages/subscriptions.js", "/dashboard/pages/live.js",
                "/dashboard/pages/status.js", "/dashboard/sse.js", "/webjars/uplot/1.6.30/dist/uPlot.esm.js",
                "/webjars/uplot/1.6.30/dist/uPlot.min.css");
        assertThat(get("/webjars/uplot/1.6.30/LICENSE", Map.of()).body()).contains("MIT");
    }

    private static String resolve(String from, String imported) {
        if (imported.startsWith("/")) {
            return imported;
        }
        String base = from.substring(0, from.lastIndexOf('/'));
        String path = imported;
        while (path.startsWith("../")) {
            base = base.substring(0, base.lastIndexOf('/'));
            path = path.substring(3);
        }
        return base + "/" + path.replaceFirst("^\\./", "");
    }

    @Test
    void theModulesNeverPutTheKeyInAUrlOrInLocalStorage() throws IOException {
        for (String module : List.of("/dashboard/api.js", "/dashboard/pages/live.js", "/dashboard/sse.js", "/dashboard/pages/subscriptions.js")) {
            String text = get(module, Map.of()).body();
            assertThat(text).as(module).doesNotContain("localStorage").doesNotContain("token=").doesNotContain("EventSource(")
                    .doesNotContain("innerHTML").doesNotContain("eval(");
        }
        assertThat(get("/dashboard/api.js", Map.of()).body()).contains("sessionStorage").contains("'X-Api-Key'");
        assertThat(get("/dashboard/sse.js", Map.of()).body()).contains("'Last-Event-ID'");
    }

    @Test
    void tellsThePagesWhereTheServicesAreAndWhichSourcesAreOfficial() {
        var settings = api.get("/api/dashboard");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().path("services").path("notify").asString()).isEqualTo("http://localhost:8084");
        assertThat(settings.body().path("services").path("article").asString()).isEmpty();
        assertThat(settings.body().path("officialSources").valueStream().map(n -> n.asString())).contains("nbk", "cbt");
    }

    @Test
    void showsTheAdminTheConsumersLagAndTheDeadLetterTopics() throws IOException {
        ArticleIngested article = Newsroom.story("status-sentinel", "Sentinel Counts the Lag",
                "ALMATY - Nothing is behind.").about("KZ").event();
        publisher.publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
        // A group shows a topic once it has committed an offset of it: after the article is projected.
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/articles/" + article.articleId()).status() == 200
                && get("/api/operations/kafka", Map.of("X-Api-Key", adminKey)).body().contains("\"topic\":\"" + Topics.ARTICLES.name() + "\""));
        Answer status = get("/api/operations/kafka", Map.of("X-Api-Key", adminKey));

        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.header("content-type")).startsWith("application/json");
        assertThat(status.body()).contains("\"group\":\"article-service\"")
                .contains("\"topic\":\"" + Topics.ARTICLES.name() + "\"")
                .contains("\"topic\":\"" + Topics.ARTICLES.deadLetterName() + "\"")
                .contains("\"checkedAt\"");
        assertThat(get("/api/operations/kafka?group=%7B%22%24gt%22%3A1%7D&x=" + "y".repeat(2000), Map.of("X-Api-Key", adminKey))
                .status()).as("parameters are ignored").isEqualTo(200);
    }

    @Test
    void noSpellingOfAPathReachesTheServicesOwnFiles() throws IOException {
        for (String path : List.of("/application.yaml", "/static/index.html", "/dashboard/../application.yaml",
                "/dashboard/%2e%2e/application.yaml", "/dashboard/..%2fapplication.yaml", "/webjars/../application.yaml",
                "/webjars/uplot/1.6.30/../../../application.yaml", "/META-INF/MANIFEST.MF", "/io/steppewire/article/ArticleServiceApplication.class",
                "/dashboard/app.js;x=1", "/dashboard//app.js", "/%64ashboard/../application.yaml")) {
            Answer answer = get(path, Map.of());
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("bootstrap-servers").doesNotContain("Main-Class");
        }
        assertThat(RawHttp.send(port, "POST", "/", Map.of(), "").status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "PUT", "/dashboard/app.js", Map.of("X-Api-Key", adminKey), "").status()).isIn(404, 405);
    }
}
