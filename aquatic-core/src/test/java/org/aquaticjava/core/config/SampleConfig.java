package org.aquaticjava.core.config;

import java.util.List;

/** A config tree that uses every supported component type, two levels deep. */
@Doc("Sample config for tests.")
public record SampleConfig(
    @Doc("A switch.") boolean enabled,
    @Doc("A bounded count.") @Range(min = 0, max = 100) int count,
    @Doc("A long without bounds.") long total,
    @Doc("A fraction.") @Range(min = 0, max = 1) double ratio,
    @Doc("A name.") String name,
    @Doc("Log level.") LogLevel logLevel,
    @Doc("Some tags.") List<String> tags,
    Listener listener) {

  public static final SampleConfig DEFAULTS =
      new SampleConfig(
          true, 7, 1L << 40, 0.5, "sample", LogLevel.WARN, List.of("a", "b"), Listener.DEFAULTS);

  @Doc("Where to listen.")
  public record Listener(
      @Doc("Address and port.") @SocketAddressKey String address,
      @Doc("Transport.") IoTransportChoice transport,
      Limits limits) {

    public static final Listener DEFAULTS =
        new Listener("127.0.0.1:3000", IoTransportChoice.IO_URING, Limits.DEFAULTS);
  }

  @Doc("Limits.")
  public record Limits(@Doc("Lower bound.") int low, @Doc("Upper bound.") int high) {

    public static final Limits DEFAULTS = new Limits(1, 10);

    public Limits {
      if (low > high) {
        throw new IllegalArgumentException("low (" + low + ") must not exceed high (" + high + ")");
      }
    }
  }
}
