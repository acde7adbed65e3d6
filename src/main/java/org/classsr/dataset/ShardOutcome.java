package org.classsr.dataset;

import java.io.Serializable;

/** What a shard task hands back to the driver: its {@link ShardDone} as JSON, and whether it was already there. */
public record ShardOutcome(String doneJson, boolean skipped) implements Serializable {
}
