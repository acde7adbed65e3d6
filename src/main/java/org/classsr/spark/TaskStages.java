package org.classsr.spark;

import org.apache.spark.TaskContext;
import org.classsr.engine.TileProcessor;

/**
 * A task's {@link TileProcessor}, on the task's device ({@link TaskDevice}): its predictors are
 * closed when the task completes.
 */
final class TaskStages {

    private TaskStages() {
    }

    static TileProcessor open(StageSettings settings) {
        TileProcessor stages = new TileProcessor(Models.get(settings), settings.engine(), TaskDevice.current());
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> stages.close());
        }
        return stages;
    }
}
