package dev.weft.app.inspector;

/** A model the model picker offers: its id, a readable name, and whether it is on disk. */
public record ModelChoice(String id, String name, boolean installed) {
  @Override
  public String toString() {
    return name + (installed ? "" : " (not downloaded)");
  }
}
