package org.classsr.dataset;

/**
 * One training pair: an HR sub-image and its LR counterpart, 8-bit planar CHW, with where it came
 * from (source image index and HR position).
 */
public record Sample(int image, int x, int y, byte[] hr, byte[] lr) {
}
