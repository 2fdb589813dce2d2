package dev.weft.pipelines.backends.local;

import dev.weft.nativelibs.platform.PlatformDirs;
import dev.weft.pipelines.ServiceContributor;
import dev.weft.pipelines.nodes.Services;
import java.time.Duration;

/**
 * Adds the local model executor to the composition root: the supervised worker process, or
 * in-process when {@code WEFT_MODEL_WORKER=in-process} (for machines that cannot start one). The
 * worker starts on the first job, not here.
 */
public final class LocalModelsContributor implements ServiceContributor {
  @Override
  public int order() {
    return 300;
  }

  @Override
  public void contribute(Services.Builder services, Services soFar, PlatformDirs dirs) {
    services.put(
        ModelExecutor.class,
        executor(dirs, System.getenv("WEFT_MODEL_WORKER"), System.getenv("WEFT_WORKER_XMX")));
  }

  static ModelExecutor executor(PlatformDirs dirs, String mode, String heap) {
    if ("in-process".equalsIgnoreCase(mode)) {
      return new InProcessModelExecutor(ModelHost.standard(0, Duration.ofMinutes(5)));
    }
    WorkerModelExecutor.Options o = WorkerModelExecutor.Options.defaults(dirs.logs());
    if (heap != null && !heap.isBlank()) {
      o = o.withMaxHeap(heap.strip());
    }
    return new WorkerModelExecutor(o);
  }
}
