package io.steppewire.ingest.extraction;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.regex.Pattern;

/** Lines that are page furniture in any layout, told apart from text one line at a time. */
final class Furniture {

    /** Short blocks that are page furniture in any layout: labels, prompts, credits, cookie notices. */
    private static final Pattern FURNITURE = Pattern.compile("(?iuU)^(?:"
            + "advertisement|advert|ad|sponsored(?: content)?|реклама|партнёрский материал"
            + "|share(?: this)?(?: article| story| on .{1,40})?:?|поделиться:?"
            + "|(?:read|see) (?:more|also)\\b.{0,200}|also read\\b.{0,200}|more on this (?:story|topic):?"
            + "|related(?: stories| articles| coverage| news)?(?:\\s*:.{0,200})?|читайте также.{0,200}|по теме(?:\\s*:.{0,200})?"
            + "|(?:subscribe|sign up)\\b.{0,160}\\b(?:newsletters?|channel|inbox|updates|e-?mail|here|now|today"
            + "|subscribers?|access|reading|alerts)\\b.{0,80}|подпис(?:ывайтесь|аться)\\b.{0,200}"
            + "|(?:media|press) (?:contact|enquiries|inquiries)\\s*:.{0,200}|for (?:media|press) (?:enquiries|inquiries)\\b.{0,200}"
            + "|follow us\\b.{0,200}|следите за нами.{0,200}"
            + "|.{0,40}\\b(?:uses|use) cookies\\b.{0,300}|accept(?: all)?(?: cookies)?|мы используем cookie.{0,300}"
            + "|(?:photo|image|picture|фото|изображение)(?: credit)?\\s*:.{0,200}"
            + "|(?:continue reading|read the full (?:story|article)|to read the rest\\b).{0,200}"
            + "|(?:comments?|комментари[йи])(?:\\s*\\(\\d+\\))?:?"
            + "|(?:tags|теги|topics)\\s*:.{0,200}"
            + "|listen to (?:this|the) article.{0,40}|print(?: this)?(?: article| page)?|e-?mail(?: this)?(?: article)?"
            + "|copy link|скопировать ссылку|\\d{1,3}\\s*min(?:ute)?s?(?: read)?|\\d{1,3} минут[аы]? чтения"
            + ")$");
    /** The end mark of a press release or wire story: nothing after it is the story. */
    private static final Pattern END_MARK = Pattern.compile("(?i)#{3}|-\\s*ends?\\s*-|- ?30 ?-");
    /** A clock time alone (the stamp of a live-blog entry), or a gallery counter ("1/6"). */
    private static final Pattern CLOCK = Pattern.compile(
            "(?iuU)^(?:\\d{1,3}\\s*(?:/|of|из)\\s*\\d{1,3}|\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*(?:utc|gmt|[a-z]{3,4}))?|\\d{1,3} (?:min|mins|minutes|hours?) ago)$");
    private static final int FURNITURE_MAX_CHARS = 320;

    private Furniture() {
    }

    /** The end mark of a press release or wire story ({@code ###}, {@code -ends-}): nothing after it is the story. */
    static boolean isEndMark(String line) {
        return END_MARK.matcher(line).matches();
    }

    /**
     * Whether one line of a block is page furniture rather than text: the headline again, a label, prompt, credit or
     * cookie notice, a live-blog clock stamp, or a line that only names the author or the date.
     *
     * @param title the headline as {@link Texts#comparable} gives it, empty when unknown
     */
    static boolean isFurniture(String text, String title, @Nullable String byline) {
        if (text.isEmpty()) {
            return true;
        }
        if (!title.isEmpty() && Texts.comparable(text).equals(title)) {
            return true;
        }
        if (text.length() <= FURNITURE_MAX_CHARS && FURNITURE.matcher(text).matches()) {
            return true;
        }
        if (text.length() <= 40 && CLOCK.matcher(text).matches()) {
            return true;
        }
        return text.length() <= 120 && isBylineOrDate(text, byline);
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A line that only says who wrote the article or when: "By A. Name", "14 March 2026, 09:30", "Updated ...". */
    private static boolean isBylineOrDate(String text, @Nullable String byline) {
        if (byline != null && Texts.comparable(text).equals(Texts.comparable(byline))) {
            return true;
        }
        for (String part : Texts.parts(text)) {
            if (PageFacts.prefixedByline(part) != null) {
                return true;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("updated") || lower.startsWith("last updated") || lower.startsWith("обновлено")) {
            return true;
        }
        if (!hasDigit(text)) {
            return false;
        }
        String withoutLabel = PageFacts.withoutDateLabel(text);
        if (PublishedTimes.parse(withoutLabel) != null) {
            return true;
        }
        // "By A. Name | 14 March 2026" and "14 March 2026 | 3 min read"
        for (String part : Texts.parts(text)) {
            if (PublishedTimes.parse(PageFacts.withoutDateLabel(part)) != null) {
                return true;
            }
        }
        return false;
    }
}
