package io.steppewire.notify.subscription.api;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

import java.math.BigDecimal;

/**
 * Writes a decimal as a plain JSON number ({@code 0.0000001}, {@code 1000}), never in the exponent form
 * ({@code 1E-7}, {@code 1E+3}) that requests may not use: a subscription read back can be sent again as it is.
 */
public final class PlainDecimalSerializer extends StdSerializer<BigDecimal> {

    public PlainDecimalSerializer() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
        generator.writeNumber(value.toPlainString());
    }
}
