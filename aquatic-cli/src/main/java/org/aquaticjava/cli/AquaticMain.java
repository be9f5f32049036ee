package org.aquaticjava.cli;

/** Entry point of the {@code aquatic} command. */
public final class AquaticMain {
  private AquaticMain() {}

  public static void main(String[] args) {
    System.out.println("aquatic-java: scaffold");
  }
}
