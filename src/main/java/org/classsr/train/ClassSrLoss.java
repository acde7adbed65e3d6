package org.classsr.train;

import ai.djl.ndarray.NDArray;

/**
 * ClassSR's two classification losses on the class probabilities {@code p} (n samples x M
 * classes, rows summing to 1), as published (Kong et al., CVPR 2021, eq. 3 and 4):
 *
 * <ul>
 *   <li>ClassLoss = mean over samples of {@code (M - 1) - sum_{j<k} |p_j - p_k|}: 0 for a
 *       one-hot row, M - 1 = 2 (M = 3) for a uniform one; it makes each decision confident.
 *   <li>AverageLoss = {@code sum_j |sum_i p_ij - n/M| / (4n/M)}: 0 when the batch is spread
 *       evenly over the classes; 1 (M = 3) when every sample is one-hot in the same class.
 * </ul>
 */
public final class ClassSrLoss {

    private ClassSrLoss() {
    }

    public static NDArray classLoss(NDArray p) {
        long m = p.getShape().get(1);
        NDArray sum = null;
        for (long j = 0; j < m; j++) {
            for (long k = j + 1; k < m; k++) {
                NDArray d = p.get(":, " + j).sub(p.get(":, " + k)).abs();
                sum = sum == null ? d : sum.add(d);
            }
        }
        NDArray perSample = sum == null ? p.get(":, 0").mul(0) : sum.neg().add((float) (m - 1));
        return perSample.mean();
    }

    public static NDArray averageLoss(NDArray p) {
        long n = p.getShape().get(0);
        long m = p.getShape().get(1);
        double even = (double) n / m;
        return p.sum(new int[] {0}).sub((float) even).abs().sum().div((float) (4.0 * n / m));
    }

    /** Mean absolute error. */
    public static NDArray l1(NDArray output, NDArray target) {
        return output.sub(target).abs().mean();
    }
}
