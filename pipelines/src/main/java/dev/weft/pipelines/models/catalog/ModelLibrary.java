package dev.weft.pipelines.models.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.pipelines.Location;
import dev.weft.pipelines.WeftException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The model manager: knows which catalog models are on disk (in the Hugging Face hub cache, in
 * Weft's own models folder, or in a folder the user registered), fetches missing ones, verifies,
 * removes, and registers local folders. In offline mode it never touches the network and says what
 * is missing and how to fetch it elsewhere.
 */
public final class ModelLibrary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Where things live and how the network is reached. */
  public record Settings(
      Path ownModels,
      Path foldersFile,
      String hfEndpoint,
      String modelScopeEndpoint,
      String hfToken,
      boolean offline) {

    /**
     * From the environment: {@code HF_ENDPOINT} (a mirror of the hub), {@code MODELSCOPE_ENDPOINT},
     * {@code HF_TOKEN}, and {@code HF_HUB_OFFLINE} or {@code WEFT_OFFLINE}.
     */
    public static Settings from(
        Map<String, String> env, Path weftData, Path weftConfig, boolean offline) {
      return new Settings(
          weftData.resolve("models"),
          weftConfig.resolve("model-folders.json"),
          stripSlash(env.getOrDefault("HF_ENDPOINT", "https://huggingface.co")),
          stripSlash(env.getOrDefault("MODELSCOPE_ENDPOINT", "https://www.modelscope.cn")),
          env.get("HF_TOKEN"),
          offline || truthy(env.get("HF_HUB_OFFLINE")) || truthy(env.get("WEFT_OFFLINE")));
    }

    public Settings withOffline(boolean off) {
      return new Settings(ownModels, foldersFile, hfEndpoint, modelScopeEndpoint, hfToken, off);
    }

    private static boolean truthy(String v) {
      return v != null
          && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    private static String stripSlash(String s) {
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
  }

  private final ModelCatalog catalog;
  private final HubCache hub;
  private final Settings settings;
  private final ModelDownloader downloader;

  public ModelLibrary(
      ModelCatalog catalog, HubCache hub, Settings settings, ModelDownloader downloader) {
    this.catalog = catalog;
    this.hub = hub;
    this.settings = settings;
    this.downloader = downloader;
  }

  /**
   * The library as a user's machine has it: the built-in catalog extended by {@code
   * <config>/models.json}, the standard hub cache, settings from the environment.
   */
  public static ModelLibrary standard(
      dev.weft.nativelibs.platform.PlatformDirs dirs, Map<String, String> env, boolean offline) {
    Settings s = Settings.from(env, dirs.data(), dirs.config(), offline);
    return new ModelLibrary(
        ModelCatalog.withUserFile(dirs.config().resolve("models.json")),
        HubCache.standard(env, System.getProperty("user.home", ".")),
        s,
        new ModelDownloader(
            ModelDownloader.httpClient(env, ModelDownloader.Settings.defaults().connectTimeout()),
            ModelDownloader.Settings.defaults()));
  }

  /** The same library with the offline switch set. */
  public ModelLibrary withOffline(boolean off) {
    return off == settings.offline()
        ? this
        : new ModelLibrary(catalog, hub, settings.withOffline(off), downloader);
  }

  /** Where models without a Hugging Face source are kept. */
  public Path ownModelsFolder() {
    return settings.ownModels();
  }

  public ModelCatalog catalog() {
    return catalog;
  }

  public HubCache hub() {
    return hub;
  }

  public boolean offline() {
    return settings.offline();
  }

  /** The state of every catalog model, plus folders registered under ids the catalog lacks. */
  public List<ModelStatus> list() throws IOException {
    List<ModelStatus> out = new ArrayList<>();
    for (CatalogEntry e : allEntries()) {
      out.add(status(e));
    }
    return out;
  }

  public ModelStatus status(String id) throws IOException {
    return status(entry(id));
  }

  private List<CatalogEntry> allEntries() throws IOException {
    Map<String, CatalogEntry> all = new LinkedHashMap<>();
    catalog.entries().forEach(e -> all.put(e.id(), e));
    for (Map.Entry<String, Path> f : folders().entrySet()) {
      all.computeIfAbsent(f.getKey(), id -> adHocEntry(id, f.getValue()));
    }
    return List.copyOf(all.values());
  }

  private CatalogEntry entry(String id) throws IOException {
    Optional<CatalogEntry> e = catalog.find(id);
    if (e.isPresent()) {
      return e.get();
    }
    Path folder = folders().get(id);
    if (folder != null) {
      return adHocEntry(id, folder);
    }
    return catalog.get(id); // throws with suggestions
  }

  /** An entry for a registered folder whose id the catalog does not know: its .onnx files. */
  private static CatalogEntry adHocEntry(String id, Path folder) {
    List<ModelFile> files = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (var walk = Files.walk(folder, 3)) {
        walk.filter(Files::isRegularFile)
            .map(p -> folder.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !p.startsWith("."))
            .sorted()
            .forEach(p -> files.add(new ModelFile(p, -1, null, false)));
      } catch (IOException e) {
        throw new WeftException(
            "cannot list the registered model folder: " + e.getMessage(),
            Location.file(folder.toString()),
            "check the folder exists and is readable, or remove it with 'weft models rm "
                + id
                + "'",
            e);
      }
    }
    if (files.isEmpty()) {
      files.add(new ModelFile("model.onnx", -1, null, false));
    }
    return new CatalogEntry(
        id,
        id,
        "local",
        "local",
        "fp32",
        "unknown (local folder)",
        "unknown",
        files,
        List.of(),
        null,
        "registered folder " + folder);
  }

  private ModelStatus status(CatalogEntry e) throws IOException {
    Map<String, Path> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    String where = null;
    Path folder = null;
    Path registered = folders().get(e.id());
    long bytes = 0;
    for (ModelFile f : e.files()) {
      Optional<Path> p = Optional.empty();
      if (registered != null) {
        Path candidate = registered.resolve(f.path());
        if (Files.isRegularFile(candidate)) {
          p = Optional.of(candidate);
          where = "folder " + registered;
          folder = registered;
        }
      }
      if (p.isEmpty() && e.huggingFace().isPresent()) {
        ModelSource.HuggingFace hf = e.huggingFace().get();
        p = hub.find(hf.repo(), hf.revision(), f.path());
        if (p.isPresent()) {
          where = "hub cache " + hub.repoDir(hf.repo());
          folder = p.get().getParent();
          for (int i = 1; i < f.path().split("/").length; i++) {
            folder = folder.getParent();
          }
        }
      }
      if (p.isEmpty()) {
        Path own = settings.ownModels().resolve(e.id()).resolve(f.path());
        if (Files.isRegularFile(own)) {
          p = Optional.of(own);
          where = "Weft models folder " + settings.ownModels().resolve(e.id());
          folder = settings.ownModels().resolve(e.id());
        }
      }
      if (p.isPresent()) {
        found.put(f.path(), p.get());
        bytes += Files.size(p.get());
      } else {
        missing.add(f.path());
      }
    }
    Optional<InstalledModel> installed =
        missing.isEmpty()
            ? Optional.of(new InstalledModel(e, folder, found, where))
            : Optional.empty();
    return new ModelStatus(e, installed, missing, bytes);
  }

  /**
   * The installed model, or an error that says what is missing and how to get it (the pull command,
   * or in offline mode how to fetch it on another machine).
   */
  public InstalledModel require(String id) throws IOException {
    ModelStatus s = status(id);
    if (s.installed().isPresent()) {
      return s.installed().get();
    }
    throw missing(s);
  }

  private WeftException missing(ModelStatus s) {
    CatalogEntry e = s.entry();
    String what =
        "model '"
            + e.id()
            + "' is not installed (missing: "
            + String.join(", ", s.missingFiles())
            + ")";
    String hint;
    if (settings.offline()) {
      String copy =
          e.huggingFace()
              .map(
                  hf -> "then copy " + hub.repoDir(hf.repo()).getFileName() + " into " + hub.root())
              .orElse("then copy the folder " + settings.ownModels().resolve(e.id()));
      hint =
          "Weft is offline, so nothing was downloaded. On a machine with network run 'weft models pull "
              + e.id()
              + "', "
              + copy
              + " here, or register an unpacked copy with 'weft models add-folder PATH --as "
              + e.id()
              + "'";
    } else {
      hint = "run 'weft models pull " + e.id() + "' (" + ModelDownloader.human(e.totalSize()) + ")";
    }
    return new WeftException(what, Location.of("model " + e.id()), hint);
  }

  /** Downloads whatever of the model is missing. Returns the installed model. */
  public InstalledModel pull(String id, ModelDownloader.Listener listener, DownloadCancel cancel)
      throws IOException {
    ModelStatus s = status(id);
    if (s.installed().isPresent()) {
      return s.installed().get();
    }
    if (settings.offline()) {
      throw missing(s);
    }
    CatalogEntry e = s.entry();
    if (e.sources().isEmpty()) {
      throw new WeftException(
          "model '" + id + "' has no download source",
          Location.of("model " + id),
          "register its files with 'weft models add-folder PATH --as " + id + "'");
    }
    List<ModelDownloader.FileJob> jobs = new ArrayList<>();
    for (String path : s.missingFiles()) {
      jobs.add(job(e, e.file(path).orElseThrow()));
    }
    downloader.download(jobs, listener, cancel);
    return require(id);
  }

  private ModelDownloader.FileJob job(CatalogEntry e, ModelFile f) {
    List<ModelDownloader.Candidate> urls = new ArrayList<>();
    for (ModelSource src : e.sources()) {
      urls.add(
          switch (src) {
            case ModelSource.HuggingFace hf ->
                new ModelDownloader.Candidate(
                    URI.create(
                        settings.hfEndpoint()
                            + "/"
                            + hf.repo()
                            + "/resolve/"
                            + enc(hf.revision())
                            + "/"
                            + encPath(f.path())),
                    settings.hfToken());
            case ModelSource.ModelScope ms ->
                new ModelDownloader.Candidate(
                    URI.create(
                        settings.modelScopeEndpoint()
                            + "/models/"
                            + ms.repo()
                            + "/resolve/"
                            + enc(ms.revision())
                            + "/"
                            + encPath(f.path())),
                    null);
            case ModelSource.Url u ->
                new ModelDownloader.Candidate(URI.create(u.base() + "/" + encPath(f.path())), null);
          });
    }
    String label = e.id() + "/" + f.path();
    Optional<ModelSource.HuggingFace> hf = e.huggingFace();
    if (hf.isPresent()) {
      String repo = hf.get().repo();
      String rev = hf.get().revision();
      String key = f.sha256() != null ? f.sha256() : sha256Hex(repo + "@" + rev + "/" + f.path());
      Path partial = hub.incomplete(repo, "weft-" + key);
      return new ModelDownloader.FileJob(
          label,
          f,
          urls,
          partial,
          (verified, headers) -> {
            String commit = hf.get().pinned() ? rev : commitFrom(headers).orElse(rev);
            String blob = blobName(headers).orElse(headers.get("x-weft-sha256"));
            return hub.store(repo, rev, commit, f.path(), verified, blob);
          });
    }
    Path target = settings.ownModels().resolve(e.id()).resolve(f.path());
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    return new ModelDownloader.FileJob(
        label,
        f,
        urls,
        partial,
        (verified, headers) -> {
          Files.createDirectories(target.getParent());
          Files.move(verified, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          return target;
        });
  }

  private static Optional<String> commitFrom(Map<String, String> headers) {
    String c = headers.get("x-repo-commit");
    return c != null && c.matches("[0-9a-f]{40}") ? Optional.of(c) : Optional.empty();
  }

  /** The hub names blobs by their ETag: the SHA-256 for LFS files, the git hash for others. */
  private static Optional<String> blobName(Map<String, String> headers) {
    String v = headers.getOrDefault("x-linked-etag", headers.get("etag"));
    if (v == null) {
      return Optional.empty();
    }
    String t = v.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    t = t.replace("\"", "");
    return t.matches("[0-9a-f]{40}|[0-9a-f]{64}") ? Optional.of(t) : Optional.empty();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encPath(String path) {
    return java.util.Arrays.stream(path.split("/"))
        .map(ModelLibrary::enc)
        .collect(Collectors.joining("/"));
  }

  /** Checks every file of a model on disk against the catalog's sizes and hashes. */
  public List<FileCheck> verify(String id) throws IOException {
    CatalogEntry e = entry(id);
    ModelStatus s = status(e);
    Map<String, Path> files =
        s.installed().map(InstalledModel::files).orElseGet(() -> partialFiles(e));
    List<FileCheck> out = new ArrayList<>();
    for (ModelFile f : e.files()) {
      Path p = files.get(f.path());
      if (p == null) {
        out.add(new FileCheck(f.path(), null, FileCheck.Outcome.MISSING, "not on disk"));
        continue;
      }
      long size = Files.size(p);
      if (f.verified() && f.sizeKnown() && size != f.size()) {
        out.add(
            new FileCheck(
                f.path(), p, FileCheck.Outcome.WRONG_SIZE, size + " bytes, expected " + f.size()));
        continue;
      }
      String hash = fileSha256(p);
      if (f.sha256() == null) {
        out.add(
            new FileCheck(
                f.path(),
                p,
                FileCheck.Outcome.UNVERIFIABLE,
                "sha256 " + hash + " (the catalog has none)"));
      } else if (!f.sha256().equals(hash)) {
        out.add(
            new FileCheck(
                f.path(),
                p,
                FileCheck.Outcome.WRONG_HASH,
                "sha256 " + hash + ", expected " + f.sha256()));
      } else {
        out.add(new FileCheck(f.path(), p, FileCheck.Outcome.OK, "sha256 matches"));
      }
    }
    return out;
  }

  private Map<String, Path> partialFiles(CatalogEntry e) {
    try {
      ModelStatus s = status(e);
      Map<String, Path> m = new TreeMap<>();
      for (ModelFile f : e.files()) {
        if (!s.missingFiles().contains(f.path())) {
          Optional<Path> p = locate(e, f);
          p.ifPresent(x -> m.put(f.path(), x));
        }
      }
      return m;
    } catch (IOException ex) {
      return Map.of();
    }
  }

  private Optional<Path> locate(CatalogEntry e, ModelFile f) throws IOException {
    Path reg = folders().get(e.id());
    if (reg != null && Files.isRegularFile(reg.resolve(f.path()))) {
      return Optional.of(reg.resolve(f.path()));
    }
    if (e.huggingFace().isPresent()) {
      Optional<Path> p =
          hub.find(e.huggingFace().get().repo(), e.huggingFace().get().revision(), f.path());
      if (p.isPresent()) {
        return p;
      }
    }
    Path own = settings.ownModels().resolve(e.id()).resolve(f.path());
    return Files.isRegularFile(own) ? Optional.of(own) : Optional.empty();
  }

  /**
   * Removes a model: a registered folder is only forgotten (never deleted); downloaded files are
   * deleted, and hub blobs only when no other snapshot uses them. Returns the bytes freed.
   */
  public long remove(String id) throws IOException {
    CatalogEntry e = entry(id);
    Map<String, Path> reg = folders();
    if (reg.containsKey(id)) {
      reg.remove(id);
      writeFolders(reg);
      return 0;
    }
    long freed = 0;
    for (ModelFile f : e.files()) {
      if (e.huggingFace().isPresent()) {
        ModelSource.HuggingFace hf = e.huggingFace().get();
        freed += hub.remove(hf.repo(), hf.revision(), f.path());
      }
      Path own = settings.ownModels().resolve(e.id()).resolve(f.path());
      if (Files.isRegularFile(own)) {
        freed += Files.size(own);
        Files.delete(own);
      }
    }
    return freed;
  }

  /**
   * Registers a local folder (an unpacked sherpa-onnx model, say) under an id. For a catalog id the
   * folder must hold the model's files; any id must look like one.
   */
  public InstalledModel addFolder(Path folder, String id) throws IOException {
    Path abs = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new WeftException(
          "not a folder",
          Location.file(abs.toString()),
          "give the folder that holds the model's files");
    }
    Optional<CatalogEntry> known = catalog.find(id);
    if (known.isPresent()) {
      List<String> absent =
          known.get().files().stream()
              .map(ModelFile::path)
              .filter(p -> !Files.isRegularFile(abs.resolve(p)))
              .toList();
      if (!absent.isEmpty()) {
        throw new WeftException(
            "the folder lacks files of model '" + id + "': " + String.join(", ", absent),
            Location.file(abs.toString()),
            "pick the folder that holds " + String.join(", ", absent));
      }
    } else {
      try {
        new CatalogEntry(
            id,
            id,
            "local",
            "local",
            "fp32",
            "-",
            "-",
            List.of(new ModelFile("x", -1, null, false)),
            List.of(),
            null,
            "");
      } catch (IllegalArgumentException ex) {
        throw new WeftException(
            ex.getMessage(), Location.of("model id"), "use an id such as my-sensevoice");
      }
      try (var files = Files.walk(abs, 3)) {
        if (files.noneMatch(p -> p.toString().endsWith(".onnx"))) {
          throw new WeftException(
              "the folder holds no .onnx file",
              Location.file(abs.toString()),
              "pick the folder of an ONNX export");
        }
      }
    }
    Map<String, Path> reg = folders();
    reg.put(id, abs);
    writeFolders(reg);
    return require(id);
  }

  /** Folders the user registered, by model id. */
  public Map<String, Path> folders() throws IOException {
    Path f = settings.foldersFile();
    Map<String, Path> out = new TreeMap<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    try {
      JSON.readTree(f.toFile())
          .path("folders")
          .properties()
          .forEach(e -> out.put(e.getKey(), Path.of(e.getValue().asText())));
    } catch (IOException ex) {
      throw new WeftException(
          "the registered model folders file is unreadable: " + ex.getMessage(),
          Location.file(f.toString()),
          "fix or delete the file",
          ex);
    }
    return out;
  }

  private void writeFolders(Map<String, Path> reg) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "weft-model-folders");
    root.put("version", 1);
    ObjectNode folders = root.putObject("folders");
    reg.forEach((k, v) -> folders.put(k, v.toString()));
    Path f = settings.foldersFile();
    Files.createDirectories(f.getParent());
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(
        tmp,
        f,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static String fileSha256(Path p) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
