package dev.weft.pipelines.nodes;

import java.nio.file.Path;

/** What a node type may consult when checking a node before a run. */
public record CheckContext(Path pipelineDir, Services services, boolean offline) {}
