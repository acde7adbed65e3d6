package org.classsr.engine;

import java.io.Serializable;

/** One measure (PSNR-Y or SSIM-Y) for ClassSR, the "-O" network alone, and bicubic. */
public record MethodScores(double classsr, double original, double bicubic) implements Serializable {
}
