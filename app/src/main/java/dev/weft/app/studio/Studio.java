package dev.weft.app.studio;

import dev.weft.app.files.EmbeddedPipelines;
import dev.weft.app.files.Recovery;
import dev.weft.app.models.CloudModelChoices;
import dev.weft.app.models.ModelsViewModel;
import dev.weft.app.settings.SettingsFile;
import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.WeftContext;
import dev.weft.pipelines.models.catalog.ModelLibrary;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javafx.application.Platform;

/**
 * The studio's composition root: the engine context, the threads (file I/O, background work,
 * timers; the UI thread is JavaFX's), the settings file, the recovery folder and the model library,
 * and the view models built over them. One per window; closing it stops its threads.
 */
public final class Studio implements AutoCloseable {
  private final WeftContext context;
  private final ExecutorService io;
  private final ExecutorService background;
  private final ScheduledExecutorService timer;
  private final StudioViewModel viewModel;
  private final ModelsViewModel models;

  private Studio(
      WeftContext context, PlatformDirs dirs, ModelLibrary library, boolean ownsContext) {
    this.context = context;
    this.io = Executors.newSingleThreadExecutor(daemon("weft-io"));
    this.background = Executors.newCachedThreadPool(daemon("weft-background"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("weft-timer"));
    StudioViewModel.Threads threads =
        new StudioViewModel.Threads(io, background, Platform::runLater, timer);
    this.models = new ModelsViewModel(library, background, Platform::runLater);
    this.viewModel =
        new StudioViewModel(
            context,
            threads,
            new SettingsFile(dirs.config().resolve("studio.json")),
            Recovery.forThisProcess(dirs.data().resolve("recovery")),
            EmbeddedPipelines.standard(),
            CloudModelChoices.after(models, CloudModelChoices.over(context.services())),
            RandomGenerator.getDefault());
    this.ownsContext = ownsContext;
  }

  private final boolean ownsContext;

  /** The studio for this machine's folders, with everything found on the class path. */
  public static Studio forMachine(PlatformDirs dirs) {
    WeftContext ctx = WeftContext.create(dirs);
    // the engine's own library when the catalog contributes one, so both see the same models
    ModelLibrary library =
        ctx.services()
            .find(ModelLibrary.class)
            .orElseGet(() -> ModelsViewModel.standardLibrary(dirs, System.getenv()));
    return new Studio(ctx, dirs, library, true);
  }

  /** A studio over a given context (tests and the screenshot command bring their own). */
  public static Studio over(WeftContext context, Supplier<ModelLibrary> library) {
    return new Studio(context, context.dirs(), library.get(), false);
  }

  /** A library that knows the built-in catalog but never touches the network (tests). */
  public static ModelLibrary offlineLibrary(PlatformDirs dirs) {
    return ModelsViewModel.standardLibrary(
        dirs, Map.of("WEFT_OFFLINE", "1", "HF_HOME", dirs.cache().resolve("hf").toString()));
  }

  public StudioViewModel viewModel() {
    return viewModel;
  }

  public ModelsViewModel models() {
    return models;
  }

  public WeftContext context() {
    return context;
  }

  /** Starts autosave, the recovery check and reading the model list (off the UI thread). */
  public void startBackgroundWork() {
    viewModel.startBackgroundWork();
    background.execute(models::refreshNow);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private boolean closed;

  /** Stops the studio's threads; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    viewModel.close();
    timer.shutdownNow();
    background.shutdownNow();
    io.shutdown();
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsContext) {
      context.close();
    }
  }
}
