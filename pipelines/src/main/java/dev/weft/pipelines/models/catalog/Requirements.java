package dev.weft.pipelines.models.catalog;

import java.util.List;

/**
 * What a model needs to run: memory while loaded (RAM, and VRAM when on a GPU, in bytes; 0 when not
 * needed) and the execution providers it is known to work on.
 */
public record Requirements(long ramBytes, long vramBytes, List<String> providers) {
  public static final Requirements NONE = new Requirements(0, 0, List.of("CPU"));

  public Requirements {
    providers = List.copyOf(providers);
  }
}
