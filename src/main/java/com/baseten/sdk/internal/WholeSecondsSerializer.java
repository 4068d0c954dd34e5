package com.baseten.sdk.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;

/** Writes a {@link Duration} as a JSON integer of whole seconds, the API's unit for durations. */
public final class WholeSecondsSerializer extends StdSerializer<Duration> {
  private static final long serialVersionUID = 1L;

  /** Creates the serializer; Jackson calls this. */
  public WholeSecondsSerializer() {
    super(Duration.class);
  }

  @Override
  public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeNumber(value.getSeconds());
  }
}
