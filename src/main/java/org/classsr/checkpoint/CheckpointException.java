package org.classsr.checkpoint;

/**
 * A checkpoint that cannot be imported. The message is one line saying why (the caller adds the
 * file name): truncated, not a checkpoint, the wrong architecture or scale.
 */
public final class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
