package dev.weft.pipelines.format;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a pipeline file of one format version into the next. Migrations run in order on the JSON
 * tree before it is read, so the reader only ever knows the current version.
 */
public interface Migration {

  /** The version this migration reads; it produces {@code fromVersion() + 1}. */
  int fromVersion();

  /** Changes the tree in place (it may also return a new one). */
  ObjectNode apply(ObjectNode pipeline);
}
