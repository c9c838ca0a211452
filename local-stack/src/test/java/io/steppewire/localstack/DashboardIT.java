package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's chromium, headless, driven through chromium-driver) against the four
 * services on the in-process broker and the embedded store: what a person sees and does, checked on the page.
 * Every test leaves a screenshot in {@code target/screenshots/}. Without chromium the suite is skipped, saying so,
 * unless {@code STEPPEWIRE_REQUIRE_BROWSER=true} (as {@code .ci/run} sets once it has installed the browser).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final String API_KEY = "dashboard-admin-key-0123";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String BROWSER_ZONE = "Asia/Almaty";

    /** Wraps the page's fetch: records each stream request's Last-Event-ID and cuts the first stream after one alert. */
    private static final String DROP_THE_FIRST_STREAM_AFTER_ONE_ALERT = """
            window.streamRequests = [];
            const realFetch = window.fetch;
            window.fetch = async (url, init) => {
              const response = await realFetch(url, init);
              if (!String(url).endsWith('/stream')) return response;
              window.streamRequests.push((init.headers || {})['Last-Event-ID'] || '-');
              if (window.streamRequests.length > 1) return response;
              const reader = response.body.getReader();
              const decoder = new TextDecoder();
              let seen = '';
              const cut = new ReadableStream({ async pull(controller) {
                const { value, done } = await reader.read();
                if (done) { controller.close(); return; }
                controller.enqueue(value);
                seen += decoder.decode(value, { stream: true });
                const data = seen.indexOf('data:');
                if (data >= 0 && /\\n\\n|\\r\\n\\r\\n/.test(seen.slice(data))) { reader.cancel(); controller.close(); }
              } });
              return new Response(cut, { status: response.status, headers: response.headers });
            };
            """;

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static NewsDesk desk;
    private static WebDriver browser;

    @BeforeAll
    static void startTheStackAndTheBrowser() throws Exception {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "DashboardIT needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); "
                    + "found chromium " + chromium.map(Path::toString).orElse("nowhere") + ", chromedriver "
                    + driver.map(Path::toString).orElse("nowhere") + " on PATH";
            if (Boolean.parseBoolean(System.getenv("STEPPEWIRE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(missing + ", and STEPPEWIRE_REQUIRE_BROWSER=true demands the browser tests.");
            }
            Assumptions.abort(missing + ": the browser tests are skipped.");
        }
        stack = new LocalStack(StackSettings.forTests(data.resolve("data"), API_KEY, 1));
        stack.start();
        desk = new NewsDesk(stack.url(Part.INGEST), stack.url(Part.ARTICLE), stack.url(Part.NOTIFY), API_KEY);
        var page = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-02.txt"));
        assertThat(page.status()).as(page.body().toString()).isEqualTo(202);
        // Official rates and a second ticker for KZT/USD, with one big move, so that the chart overlays three sources.
        HttpResponse<String> quotes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.url(Part.RATES) + "/api/quotes"))
                .header("X-Api-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"quotes": [
                          {"pair": "KZT/USD", "rate": "0.00195", "asOf": "2026-03-30", "source": "nbk"},
                          {"pair": "KZT/USD", "rate": "0.00197", "asOf": "2026-03-31", "source": "nbk"},
                          {"pair": "KZT/USD", "rate": "0.00198", "asOf": "2026-04-01", "source": "nbk"},
                          {"pair": "KZT/USD", "rate": "0.00190", "asOf": "2026-03-30", "source": "bazaar-board"},
                          {"pair": "KZT/USD", "rate": "0.00200", "asOf": "2026-03-31", "source": "bazaar-board"}]}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(quotes.statusCode()).as(quotes.body()).isBetween(200, 299);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(desk.articleTitles()).contains("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid");
            assertThat(desk.rates()).hasSize(5);
            assertThat(desk.get(stack.url(Part.ARTICLE) + "/api/rates/KZT-USD/history").body().path("items")).hasSize(6);
        });

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // Root has no user namespace sandbox here; the window size makes screenshots comparable between runs.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=en-GB");
        // The browser lives in Almaty (UTC+5) while the services and the data speak UTC: the pages must show local times.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
                .withEnvironment(Map.of("TZ", BROWSER_ZONE)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void screenshot(TestInfo test) throws Exception {
        if (browser != null) {
            saveScreenshot(test.getTestMethod().orElseThrow().getName());
        }
    }

    private static void saveScreenshot(String name) throws java.io.IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve("dashboard-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<Path> executable(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    private void open(String page) {
        browser.get(stack.url(Part.ARTICLE) + "/#" + page);
        await().atMost(PATIENCE).until(() -> page.equals(browser.findElement(By.id("view")).getDomAttribute("data-page")));
    }

    private void useKey(String key) {
        WebElement input = browser.findElement(By.id("key-input"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    }

    private WebElement waitFor(By what) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> browser.findElement(what).isDisplayed());
        return browser.findElement(what);
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    @Test
    @Order(1)
    void statusShowsEveryServiceHealthyAndTheAdminSeesTheConsumersLag() {
        open("status");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#health tbody tr"));
            assertThat(rows).extracting(row -> row.getDomAttribute("data-service") + "=" + row.getDomAttribute("data-health"))
                    .containsExactlyInAnyOrder("ingest=UP", "rates=UP", "article=UP", "notify=UP");
        });
        assertThat(browser.findElement(By.id("kafka-heading")).findElement(By.xpath("..")).getText()).contains("admin key");

        useKey(API_KEY);
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElements(By.cssSelector("#lag tbody tr"))).extracting(row -> row.getDomAttribute("data-group"))
                    .contains("article-service", "notify-service");
            assertThat(browser.findElement(By.id("dead-letters")).getText()).contains("news.articles.v1.dlt");
            assertThat(browser.findElement(By.id("bank-sources")).getText()).contains("nbk");
        });
        assertThat(script("return sessionStorage.getItem('steppewire.key')")).isEqualTo(API_KEY);
        assertThat(script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).doesNotContain(API_KEY);
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void theRatesChartHoldsEveryQuoteOfThePairBySource() {
        JsonNode history = desk.get(stack.url(Part.ARTICLE) + "/api/rates/KZT-USD/history").body().path("items");
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode point : history) {
            expected.computeIfAbsent(point.path("source").asString(), s -> new ArrayList<>())
                    .add(point.path("asOf").asString() + "=" + new java.math.BigDecimal(point.path("rate").asString()).stripTrailingZeros().toPlainString());
        }
        assertThat(expected).containsOnlyKeys("bazaar-board", "desert-sun", "nbk");

        open("rates");
        WebElement chart = waitFor(By.cssSelector("figure.chart[data-pair='KZT/USD'][data-points]"));
        // The latest quote is as of 2026-04-02T00:00Z: five in the morning in Almaty.
        assertThat(browser.findElement(By.cssSelector("section.pair[data-pair='KZT/USD'] .meta")).getText())
                .containsPattern("(Apr 2, 2026|2 Apr 2026), 0?5:00");
        assertThat(browser.findElement(By.id("view")).getText()).contains("Times in " + BROWSER_ZONE);
        assertThat(chart.getDomAttribute("data-points")).isEqualTo(String.valueOf(history.size()));
        assertThat(chart.getDomAttribute("data-plotted")).isEqualTo(String.valueOf(history.size()));
        Map<String, List<Map<String, Object>>> held = (Map<String, List<Map<String, Object>>>) script(
                "return arguments[0].chartData.sources", chart);
        Map<String, List<String>> plotted = new TreeMap<>();
        held.forEach((source, points) -> plotted.put(source, points.stream().map(p -> p.get("asOf") + "="
                + new java.math.BigDecimal(String.valueOf(p.get("rate"))).stripTrailingZeros().toPlainString()).toList()));
        assertThat(plotted).isEqualTo(expected);
        assertThat(chart.findElements(By.cssSelector("canvas"))).isNotEmpty();
        // bazaar-board moved 5 % in a day, far beyond the 1 % threshold and its precision.
        assertThat(script("return arguments[0].chartData.bigMoves", chart)).isEqualTo(1L);
        assertThat(chart.getText()).contains("nbk (official)", "bazaar-board (ticker)");

        WebElement section = browser.findElement(By.cssSelector("section.pair[data-pair='KZT/USD']"));
        // A click on the chart's left edge, where bazaar-board's and nbk's first quotes are, lists that day's news.
        WebElement plotArea = chart.findElement(By.cssSelector(".u-over"));
        new Actions(browser).moveToElement(plotArea, -plotArea.getSize().getWidth() / 2 + 2, 0).click().perform();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(section.findElement(By.cssSelector(".news-around h3")).getText()).contains("KZT/USD on 2026-03-30"));
        assertThat(section.findElement(By.cssSelector("input[type=date]")).getDomProperty("value")).isEqualTo("2026-03-30");

        // A day typed in (the keyboard's way to what a click on the chart does) lists the news of the country.
        WebElement day = section.findElement(By.cssSelector("input[type=date]"));
        script("arguments[0].value = '2026-04-02'", day);
        section.findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(section.findElement(By.cssSelector(".news-around h3")).getText()).contains("KZT/USD on 2026-04-02").contains("KZ"));
    }

    @Test
    @Order(3)
    void aSearchFindsTheArticleAndOpensItsStory() {
        open("news");
        WebElement words = waitFor(By.cssSelector("input[name=q]"));
        words.sendKeys("wind farm");
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#news-results li.article h3")))
                .extracting(WebElement::getText).containsExactly("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid"));
        assertThat(browser.findElement(By.cssSelector(".facets")).getText()).contains("UZ");

        browser.findElement(By.cssSelector("#news-results li.article button.open-story")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(By.cssSelector("#story h2")).getText())
                    .isEqualTo("Story: Samarkand Wind Farm Begins Selling Power to the Uzbek Grid");
            assertThat(browser.findElement(By.cssSelector("#story")).getText()).contains("desert-sun");
        });
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("story");
    }

    @Test
    @Order(3)
    void everyPageFitsAPhoneAndWorksByKeyboard() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("rates", "news", "subscriptions", "live", "status")) {
                open(page);
                await().atMost(PATIENCE).until(() -> browser.findElements(By.cssSelector("#view .hint")).stream()
                        .noneMatch(hint -> hint.getText().startsWith("Loading")));
                Object overflow = script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Object wide = script("""
                        const edge = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > edge + 1)
                          .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 8).join('; ');""");
                assertThat(((Number) overflow).longValue()).as(page + " scrolls sideways on a phone: " + wide).isLessThanOrEqualTo(0);
                Object unlabelled = script("""
                        return [...document.querySelectorAll('input, select, textarea')]
                          .filter(c => c.type !== 'hidden' && c.labels.length === 0 && !c.getAttribute('aria-label'))
                          .map(c => c.name || c.id);""");
                assertThat((List<?>) unlabelled).as("controls without a label on " + page).isEmpty();
                saveScreenshot("phone-" + page);
            }
            // From the top of the page: the skip link first, then the pages' links; Enter opens one.
            browser.get(stack.url(Part.ARTICLE) + "/#status");
            waitFor(By.cssSelector("#health tbody tr"));
            // A click on the name at the top puts the keyboard's starting point there, as a person would.
            browser.findElement(By.cssSelector(".brand")).click();
            Actions keyboard = new Actions(browser);
            keyboard.sendKeys(Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Rates");
            keyboard.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
            keyboard.sendKeys(Keys.TAB).sendKeys(Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("News");
            keyboard.sendKeys(Keys.ENTER).perform();
            await().atMost(PATIENCE).until(() -> "news".equals(browser.findElement(By.id("view")).getDomAttribute("data-page")));
            assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus moves to the page").isEqualTo("view");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void theStreamReaderParsesEventsHoweverTheNetworkSplitsThem() {
        open("rates");
        Object parsed = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/dashboard/sse.js').then(({ SseParser }) => {
                  const text = ': hello\\r\\nid: 7\\r\\nevent: alert\\r\\ndata: {"a":1}\\r\\ndata: {"b":2}\\r\\n\\r\\n'
                    + 'data:plain\\n\\nid: 8\\nevent: alert\\ndata: x\\r\\r\\n';
                  const runs = [];
                  for (const size of [1, 2, 3, 7, text.length]) {
                    const events = [];
                    const parser = new SseParser((e) => events.push(`${e.id}|${e.type}|${e.data}`));
                    for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
                    runs.push(events.join(' / '));
                  }
                  done(runs);
                });""");
        assertThat((List<String>) parsed).containsOnly(
                "7|alert|{\"a\":1}\n{\"b\":2} / 7|message|plain / 8|alert|x");
    }

    @Test
    @Order(4)
    // Last: its page adds quotes and articles that the other tests would count.
    void aSubscriptionMadeInTheFormSendsItsAlertToTheLivePage() throws Exception {
        // The admin issues a subscriber key on the page and hands it over; the subscriber works with it from then on.
        open("subscriptions");
        useKey(API_KEY);
        waitFor(By.cssSelector("input[name=keyName]")).sendKeys("browser desk");
        browser.findElement(By.cssSelector("input[name=keyName]")).submit();
        String subscriberKey = waitFor(By.cssSelector("#keys .secret")).getText();
        assertThat(subscriberKey).startsWith("swk_");

        useKey(subscriberKey);
        waitFor(By.xpath("//button[text()='New subscription']")).click();
        waitFor(By.cssSelector(".subscription-form input[name=name]")).sendKeys("Uzbek solar desk");
        new Select(browser.findElement(By.cssSelector(".subscription-form select[name=channel]"))).selectByValue("sse");
        browser.findElement(By.cssSelector(".subscription-form input[name=countries]")).sendKeys("UZ");
        browser.findElement(By.cssSelector(".subscription-form input[name=tags]")).sendKeys("energy");
        browser.findElement(By.xpath("//button[text()='Add a rate rule']")).click();
        WebElement rule = browser.findElement(By.cssSelector("fieldset.pair-rule"));
        new Select(rule.findElement(By.cssSelector("select[name=kind]"))).selectByValue("level");
        rule.findElement(By.cssSelector("input[name=pair]")).sendKeys("UZS/USD");
        rule.findElement(By.cssSelector("input[name=level]")).sendKeys("0.00001");
        new Select(rule.findElement(By.cssSelector("select[name=direction]"))).selectByValue("down");
        // The backtest: the wind farm article, ingested before, is what these rules would have sent.
        browser.findElement(By.xpath("//button[text()='Preview']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.id("preview")).getText())
                .contains("1 alert(s)").contains("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid").contains("articles: 1"));
        browser.findElement(By.xpath("//button[text()='Create subscription']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#subs-heading + div")).getText())
                .contains("Uzbek solar desk").contains("countries UZ").contains("level UZS/USD"));
        var stored = desk.notify("GET", "/api/subscriptions", subscriberKey, null).body().path("items").get(0);
        assertThat(stored.path("rules").path("pairs").get(0).path("kind").asString()).isEqualTo("level");
        assertThat(stored.path("rules").path("pairs").get(0).path("level").asString()).isEqualTo("0.00001");

        open("live");
        new Select(waitFor(By.cssSelector("select[name=subscription]"))).selectByVisibleText("Uzbek solar desk (sse)");
        // The first connection drops right after its first alert, as a flaky network would drop it; the page must
        // reconnect by itself and resume after that alert with Last-Event-ID.
        script(DROP_THE_FIRST_STREAM_AFTER_ONE_ALERT);
        browser.findElement(By.xpath("//button[text()='Follow']")).click();
        await().atMost(PATIENCE).until(() -> "open".equals(browser.findElement(By.cssSelector(".stream-state")).getDomAttribute("data-state")));
        // notify-service refreshes its matching index from the store every 2 s: wait until it knows the subscription.
        await().atMost(PATIENCE).until(() -> desk.get(stack.url(Part.NOTIFY) + "/actuator/metrics/steppewire.notify.subscriptions.indexed")
                .body().path("measurements").get(0).path("value").asDouble() >= 1);
        var nextDay = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-03.txt"));
        assertThat(nextDay.status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#alerts li.alert")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#alerts li.alert strong")).getText())
                .isEqualTo("Navoi Copper Plant Switches Its Furnaces to Solar Power in Uzbekistan");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(script("return window.streamRequests")).isEqualTo(List.of("-", "1")));
        await().atMost(PATIENCE).until(() -> "open".equals(browser.findElement(By.cssSelector(".stream-state")).getDomAttribute("data-state")));

        var later = desk.postPage("desert-sun", """
                4 April 2026

                Fergana Villages Share One Solar Array in Uzbekistan

                FERGANA – Forty villages will draw their power from one shared solar array, cutting their use of gas from
                the national grid, the regional energy office said.
                """);
        assertThat(later.status()).as(later.body().toString()).isEqualTo(202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#alerts li.alert")))
                .extracting(alert -> alert.getDomAttribute("data-sequence")).containsExactly("2", "1"));
        assertThat(browser.findElement(By.cssSelector("#alerts li.alert strong")).getText())
                .isEqualTo("Fergana Villages Share One Solar Array in Uzbekistan");
        assertThat(browser.getCurrentUrl()).doesNotContain(subscriberKey).doesNotContain(API_KEY);
    }

    @Test
    @Order(5)
    void aWeeklyDigestIsChosenInTheFormAndAStreamCannotHaveOne() {
        open("subscriptions");
        useKey(API_KEY);
        waitFor(By.xpath("//button[text()='New subscription']")).click();
        waitFor(By.cssSelector(".subscription-form input[name=name]")).sendKeys("Friday energy digest");
        browser.findElement(By.cssSelector(".subscription-form input[name=tags]")).sendKeys("energy");
        new Select(browser.findElement(By.cssSelector(".subscription-form select[name=deliveryMode]"))).selectByValue("digest");
        new Select(waitFor(By.cssSelector(".subscription-form select[name=digestEvery]"))).selectByValue("week");
        new Select(waitFor(By.cssSelector(".subscription-form select[name=digestDay]"))).selectByValue("friday");
        WebElement zone = browser.findElement(By.cssSelector(".subscription-form input[name=digestZone]"));
        zone.clear();
        zone.sendKeys("Asia/Tashkent");

        // A live stream has nothing to hold back: notify-service refuses, and the page says which field and why.
        new Select(browser.findElement(By.cssSelector(".subscription-form select[name=channel]"))).selectByValue("sse");
        browser.findElement(By.xpath("//button[text()='Create subscription']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.cssSelector(".subscription-form ul.bad"))
                .getText()).contains("delivery.mode", "a stream carries every alert"));

        new Select(browser.findElement(By.cssSelector(".subscription-form select[name=channel]"))).selectByValue("email");
        waitFor(By.cssSelector(".subscription-form input[name=address]")).sendKeys("energy-desk@steppewire.example");
        browser.findElement(By.xpath("//button[text()='Create subscription']")).click();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("#subs-heading + div")).getText())
                .contains("Friday energy digest").contains("digest weekly on friday at 08:00 Asia/Tashkent"));
        var stored = java.util.stream.StreamSupport.stream(desk.notify("GET", "/api/subscriptions?limit=200", API_KEY, null).body().path("items").spliterator(), false)
                .filter(item -> item.path("name").asString().equals("Friday energy digest")).findFirst().orElseThrow();
        var digest = stored.path("delivery").path("digest");
        assertThat(stored.path("delivery").path("mode").asString()).isEqualTo("digest");
        assertThat(List.of(digest.path("every").asString(), digest.path("day").asString(), digest.path("at").asString(), digest.path("timezone").asString()))
                .containsExactly("week", "friday", "08:00", "Asia/Tashkent");
    }
}
