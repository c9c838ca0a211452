package io.steppewire.ingest.sources.fetch;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CharsetsTest {

    private static final String TEXT = "Caf\u00e9 \u201cSamal\u201d \u2014 \u0422\u0435\u043d\u0433\u0435";

    @Test
    void aByteOrderMarkDecidesWhateverTheHeaderSays() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);

        assertThat(Charsets.decode(withBom, "text/html; charset=iso-8859-1")).isEqualTo(TEXT);
    }

    @Test
    void validUtf8WinsOverAHeaderThatNamesLatin1() {
        String html = "<meta charset=\"utf-8\"><p>" + TEXT + "</p>";

        assertThat(Charsets.decode(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=ISO-8859-1"))
                .isEqualTo(html);
    }

    @Test
    void theMetaCharsetDecidesWhenTheHeaderNamesNone() {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                + "<p>\u0422\u0435\u043d\u0433\u0435</p>";

        assertThat(Charsets.decode(html.getBytes(Charset.forName("windows-1251")), "text/html")).isEqualTo(html);
    }

    @Test
    void bytesThatAreNoUtf8AreReadAsWindows1252WhenNothingElseFits() {
        String text = "Na\u00efve \u201cquotes\u201d";

        assertThat(Charsets.decode(text.getBytes(Charset.forName("windows-1252")), "text/plain; charset=utf-8"))
                .isEqualTo(text);
    }
}
