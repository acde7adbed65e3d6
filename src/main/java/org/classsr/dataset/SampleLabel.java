package org.classsr.dataset;

/**
 * The label of one sub-image in a labelled dataset ({@code classsr dataset --label-with MODEL}).
 *
 * @param cls   the class the model's Class-Module routes the LR sub-image to: argmax of its logits
 *              plus the model's class-bias (index into the index's {@code labels.classes})
 * @param psnrY PSNR-Y (dB, capped at 100) of the model's "-O" network's output, quantised to 8
 *              bits, against the HR sub-image: the score that {@code train}'s division splits by
 */
public record SampleLabel(int cls, float psnrY) {
}
