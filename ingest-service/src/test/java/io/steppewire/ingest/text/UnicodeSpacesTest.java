package io.steppewire.ingest.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

public class UnicodeSpacesTest {

    /** Every space the issue names, and the other space separators of Unicode. */
    public static Stream<Character> unicodeSpaces() {
        return Stream.of('\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
                '\u2007', '\u2008', '\u2009', '\u200a', '\u200b', '\u200c', '\u200d', '\u202f', '\u205f', '\u2060',
                '\u3000', '\ufeff');
    }

    @ParameterizedTest
    @MethodSource("unicodeSpaces")
    void countsEveryUnicodeSpaceAsWhiteSpace(char space) {
        assertThat(UnicodeSpaces.isSpace(space)).isTrue();
        assertThat(UnicodeSpaces.plain("Central" + space + "Asia")).isEqualTo("Central Asia");
    }

    @ParameterizedTest
    @ValueSource(chars = {'a', '-', '\u00ad', '\u200e', '\u202e', 'ж', '•'})
    void leavesLettersMarksAndBidiControlsAlone(char other) {
        assertThat(UnicodeSpaces.isSpace(other)).isFalse();
        assertThat(UnicodeSpaces.plain("a" + other + "b")).isEqualTo("a" + other + "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text", "tab\tand\nline"})
    void returnsTextWithoutUnicodeSpacesUnchanged(String text) {
        assertThat(UnicodeSpaces.plain(text)).isSameAs(text);
    }
}
