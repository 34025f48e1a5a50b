package org.sersic4j.validation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** Writes a double as a JSON number, or as null where it is NaN or infinite (JSON has neither). */
public final class FiniteOrNull extends StdSerializer<Double> {
    public FiniteOrNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value == null || !Double.isFinite(value)) gen.writeNull();
        else gen.writeNumber(value);
    }
}
