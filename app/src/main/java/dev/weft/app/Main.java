package dev.weft.app;

/** The `weft` entry point: no arguments opens the studio, a command runs headless. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("weft " + String.join(" ", args));
  }
}
