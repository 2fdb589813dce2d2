package dev.weft.pipelines.models.catalog;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The Hugging Face hub cache on disk, in the layout {@code huggingface_hub} itself uses: {@code
 * models--owner--name/blobs/<etag>} holds the bytes, {@code snapshots/<commit>/<path>} links to
 * them, and {@code refs/<branch>} names the commit a branch pointed to. Files other tools put there
 * are found and reused; files Weft puts there are found by those tools.
 */
public final class HubCache {
  private final Path root;

  public HubCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The standard location: {@code HF_HUB_CACHE}, else {@code HF_HOME/hub}, else {@code
   * XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
   */
  public static HubCache standard(Map<String, String> env, String userHome) {
    String hubCache = env.get("HF_HUB_CACHE");
    if (notBlank(hubCache)) {
      return new HubCache(Path.of(hubCache));
    }
    String hfHome = env.get("HF_HOME");
    if (notBlank(hfHome)) {
      return new HubCache(Path.of(hfHome, "hub"));
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (notBlank(xdg)) {
      return new HubCache(Path.of(xdg, "huggingface", "hub"));
    }
    return new HubCache(Path.of(userHome, ".cache", "huggingface", "hub"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  public Path root() {
    return root;
  }

  /** {@code models--owner--name}. */
  public Path repoDir(String repo) {
    return root.resolve("models--" + repo.replace("/", "--"));
  }

  public Path blobsDir(String repo) {
    return repoDir(repo).resolve("blobs");
  }

  /** The commit a revision stands for: itself when it is a hash, else what {@code refs/} says. */
  public Optional<String> commitOf(String repo, String revision) throws IOException {
    Path ref = repoDir(repo).resolve("refs").resolve(revision);
    if (Files.isRegularFile(ref)) {
      String commit = Files.readString(ref).strip();
      return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
    }
    if (Files.isDirectory(repoDir(repo).resolve("snapshots").resolve(revision))) {
      return Optional.of(revision);
    }
    return Optional.empty();
  }

  /** A file of a snapshot when present (following the link to its blob). */
  public Optional<Path> find(String repo, String revision, String path) throws IOException {
    Optional<String> commit = commitOf(repo, revision);
    if (commit.isEmpty()) {
      return Optional.empty();
    }
    Path f = repoDir(repo).resolve("snapshots").resolve(commit.get()).resolve(path);
    return Files.isRegularFile(f)
        ? Optional.of(f)
        : Optional.empty(); // isRegularFile follows links
  }

  /** Where a partial download of a blob is kept between attempts. */
  public Path incomplete(String repo, String blobName) {
    return blobsDir(repo).resolve(blobName + ".incomplete");
  }

  /**
   * Moves a finished, verified download into {@code blobs/<blobName>} and links {@code
   * snapshots/<commit>/<path>} to it; records {@code refs/<revision>} when the revision is a branch
   * or tag. Returns the snapshot path.
   */
  public Path store(
      String repo, String revision, String commit, String path, Path finished, String blobName)
      throws IOException {
    Path blobs = blobsDir(repo);
    Files.createDirectories(blobs);
    Path blob = blobs.resolve(blobName);
    move(finished, blob);
    Path link = repoDir(repo).resolve("snapshots").resolve(commit).resolve(path);
    Files.createDirectories(link.getParent());
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, link.getParent().relativize(blob));
    } catch (UnsupportedOperationException | IOException e) {
      // Windows without developer mode cannot make links; huggingface_hub copies then too.
      Files.copy(blob, link, StandardCopyOption.REPLACE_EXISTING);
    }
    if (!revision.equals(commit)) {
      Path ref = repoDir(repo).resolve("refs").resolve(revision);
      Files.createDirectories(ref.getParent());
      Files.writeString(ref, commit);
    }
    return link;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes a snapshot file and, when no other snapshot links to it, its blob. Returns the bytes
   * freed.
   */
  public long remove(String repo, String revision, String path) throws IOException {
    Optional<String> commit = commitOf(repo, revision);
    if (commit.isEmpty()) {
      return 0;
    }
    Path link = repoDir(repo).resolve("snapshots").resolve(commit.get()).resolve(path);
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    long freed = 0;
    if (Files.isSymbolicLink(link)) {
      Path blob = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
      Files.delete(link);
      if (Files.exists(blob) && !linkedFromAnySnapshot(repo, blob)) {
        freed = Files.size(blob);
        Files.delete(blob);
      }
    } else {
      freed = Files.size(link);
      Files.delete(link);
    }
    return freed;
  }

  private boolean linkedFromAnySnapshot(String repo, Path blob) throws IOException {
    Path snapshots = repoDir(repo).resolve("snapshots");
    if (!Files.isDirectory(snapshots)) {
      return false;
    }
    try (var walk = Files.walk(snapshots)) {
      return walk.filter(Files::isSymbolicLink)
          .anyMatch(l -> {
            try {
              return l.getParent().resolve(Files.readSymbolicLink(l)).normalize().equals(blob);
            } catch (IOException e) {
              return false;
            }
          });
    }
  }
}
