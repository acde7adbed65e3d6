package org.classsr.tile;

import org.classsr.image.FloatImage;

/** A {@link BandSink} that collects the bands into one image, for outputs that fit in memory. */
public final class ImageAssembler implements BandSink {

    private final FloatImage image;
    private int nextRow;

    public ImageAssembler(int width, int height, int channels) {
        this.image = FloatImage.zeros(width, height, channels);
    }

    /** An assembler for the HR output of {@code grid} at {@code scale}. */
    public static ImageAssembler forOutput(TileGrid grid, int scale, int channels) {
        return new ImageAssembler(grid.outputWidth(scale), grid.outputHeight(scale), channels);
    }

    @Override
    public void accept(int y0, FloatImage band) {
        if (band.width() != image.width() || band.channels() != image.channels()) {
            throw new IllegalArgumentException("band " + band + " does not fit " + image);
        }
        if (y0 != nextRow || y0 + band.height() > image.height()) {
            throw new IllegalStateException("band of rows [" + y0 + ", " + (y0 + band.height())
                    + ") does not continue at row " + nextRow + " of " + image.height());
        }
        int width = image.width();
        int rows = band.height();
        for (int c = 0; c < image.channels(); c++) {
            System.arraycopy(band.data(), c * rows * width, image.data(), image.index(c, 0, y0), rows * width);
        }
        nextRow += rows;
    }

    public boolean complete() {
        return nextRow == image.height();
    }

    /** The assembled image; only once every row has arrived. */
    public FloatImage result() {
        if (!complete()) {
            throw new IllegalStateException("only " + nextRow + " of " + image.height() + " rows received");
        }
        return image;
    }
}
