package org.classsr.bench;

/** What bench measures at one routing setting: quality, class split, and cost and time against the "-O" network. */
interface Measured {

    double psnrY();

    double[] classFraction();

    double paperFlopsRatio();

    double executedFlopsRatio();

    Spread secondsPerImage();

    double timeRatio();
}
