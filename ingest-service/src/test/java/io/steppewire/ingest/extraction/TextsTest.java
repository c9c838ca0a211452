package io.steppewire.ingest.extraction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"00A0", "2007", "202F", "2009", "200B", "200C", "200D", "FEFF", "3000", "2060"})
    void readsEveryUnicodeSpaceAsAPlainSpace(String codePoint) {
        String space = Character.toString(Integer.parseInt(codePoint, 16));

        assertThat(Texts.clean("Kazakhstan’s" + space + "largest" + space + space + "oil venture" + space))
                .isEqualTo("Kazakhstan’s largest oil venture");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elec\u00adtricity", "electricity", "e\u0301lectricity"})
    void dropsSoftHyphensAndComposesAccents(String written) {
        assertThat(Texts.clean(written)).isIn("electricity", "\u00e9lectricity");
    }
}
