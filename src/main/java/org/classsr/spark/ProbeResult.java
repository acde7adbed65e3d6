package org.classsr.spark;

import java.io.Serializable;

/** What an executor learned from an input's header: size and format, or why it cannot be used. */
public record ProbeResult(int id, int width, int height, String format, String error) implements Serializable {
}
