package org.classsr.image;

/**
 * An image could not be read, decoded, probed or written.
 *
 * <p>Unchecked so that a Spark task can let it propagate to the per-image error handling without
 * wrapping. The message always starts with the input's name (file name, path or object key) and
 * then says why, so that one bad image in a job of thousands is easy to find.
 */
public final class ImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String input;

    public ImageException(String input, String reason) {
        super(input + ": " + reason);
        this.input = input;
    }

    public ImageException(String input, String reason, Throwable cause) {
        super(input + ": " + reason, cause);
        this.input = input;
    }

    /** The name of the input that failed, as given by the caller. */
    public String input() {
        return input;
    }
}
