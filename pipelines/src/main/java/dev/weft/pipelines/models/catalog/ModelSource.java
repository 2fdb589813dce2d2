package dev.weft.pipelines.models.catalog;

import java.util.Objects;

/** Where a model's files can be downloaded from. */
public sealed interface ModelSource {

  /** A short name for messages ("Hugging Face", "ModelScope", a host). */
  String label();

  /** A Hugging Face model repository at a revision (a commit hash, or a branch or tag). */
  record HuggingFace(String repo, String revision) implements ModelSource {
    public HuggingFace {
      checkRepo(repo);
      Objects.requireNonNull(revision, "revision");
    }

    @Override
    public String label() {
      return "Hugging Face " + repo + "@" + shortRev(revision);
    }

    /** True when the revision is a full commit hash (the snapshot folder's name). */
    public boolean pinned() {
      return revision.matches("[0-9a-f]{40}");
    }
  }

  /** A ModelScope model repository (a mirror reachable from mainland China). */
  record ModelScope(String repo, String revision) implements ModelSource {
    public ModelScope {
      checkRepo(repo);
      Objects.requireNonNull(revision, "revision");
    }

    @Override
    public String label() {
      return "ModelScope " + repo + "@" + shortRev(revision);
    }
  }

  /** Files under a plain base URL ({@code base + "/" + path}). */
  record Url(String base) implements ModelSource {
    public Url {
      Objects.requireNonNull(base, "base");
      if (!base.startsWith("https://") && !base.startsWith("http://")) {
        throw new IllegalArgumentException(
            "a URL source must start with https://, got '" + base + "'");
      }
    }

    @Override
    public String label() {
      return base;
    }
  }

  private static void checkRepo(String repo) {
    Objects.requireNonNull(repo, "repo");
    if (!repo.matches("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("a repository is 'owner/name', got '" + repo + "'");
    }
  }

  private static String shortRev(String rev) {
    return rev.matches("[0-9a-f]{40}") ? rev.substring(0, 7) : rev;
  }
}
