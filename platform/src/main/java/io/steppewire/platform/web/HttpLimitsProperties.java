package io.steppewire.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of every request ({@code steppewire.http.*}).
 *
 * @param maxBodySize       the largest request body an endpoint accepts unless it declares its own {@link BodyLimit}
 * @param maxJsonNumberDigits the longest number the JSON reader takes, in characters; longer ones are refused before
 *                          they are parsed
 * @param maxJsonNestingDepth the deepest nesting of JSON objects and arrays the reader takes
 */
@ConfigurationProperties("steppewire.http")
public record HttpLimitsProperties(@DefaultValue("256KB") DataSize maxBodySize,
                                   @DefaultValue("64") int maxJsonNumberDigits,
                                   @DefaultValue("32") int maxJsonNestingDepth) {
}
