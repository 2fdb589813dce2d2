package dev.weft.pipelines.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {
  @TempDir Path dir;

  private static ResultCache.Entry entry(char c) {
    return new ResultCache.Entry(
        String.valueOf(c).repeat(64), "t", Map.of("out", "f".repeat(64)), Instant.EPOCH);
  }

  @Test
  void entriesSurviveReopening() throws IOException {
    try (ResultCache cache = new ResultCache(dir)) {
      cache.record(entry('a'));
      cache.record(entry('b'));
    }
    try (ResultCache reopened = new ResultCache(dir)) {
      assertThat(reopened.lookup("a".repeat(64))).contains(entry('a'));
      assertThat(reopened.size()).isEqualTo(2);
    }
  }

  @Test
  void aTornLastLineFromACrashIsSkipped() throws IOException {
    try (ResultCache cache = new ResultCache(dir)) {
      cache.record(entry('a'));
    }
    Files.writeString(
        dir.resolve("index.jsonl"),
        "{\"key\":\"bbbb",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (ResultCache reopened = new ResultCache(dir)) {
      assertThat(reopened.size()).isEqualTo(1);
      reopened.record(entry('c'));
    }
    try (ResultCache again = new ResultCache(dir)) {
      assertThat(again.lookup("a".repeat(64))).isPresent();
    }
  }

  @Test
  void forgottenEntriesStayForgottenAfterReopening() throws IOException {
    try (ResultCache cache = new ResultCache(dir)) {
      cache.record(entry('a'));
      cache.forget("a".repeat(64));
    }
    try (ResultCache reopened = new ResultCache(dir)) {
      assertThat(reopened.lookup("a".repeat(64))).isEmpty();
    }
  }

  @Test
  void clearEmptiesTheCacheOnDiskToo() throws IOException {
    try (ResultCache cache = new ResultCache(dir)) {
      cache.record(entry('a'));
      cache.clear();
      assertThat(cache.size()).isZero();
      cache.record(entry('b'));
    }
    try (ResultCache reopened = new ResultCache(dir)) {
      assertThat(reopened.entries().keySet()).containsExactly("b".repeat(64));
    }
  }

  @Test
  void aJournalFullOfRewritesIsCompactedOnLoad() throws IOException {
    try (ResultCache cache = new ResultCache(dir)) {
      for (int i = 0; i < 3000; i++) {
        cache.record(entry('a'));
      }
    }
    try (ResultCache reopened = new ResultCache(dir)) {
      assertThat(reopened.size()).isEqualTo(1);
    }
    assertThat(Files.readAllLines(dir.resolve("index.jsonl"))).hasSize(1);
  }
}
