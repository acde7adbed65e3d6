package org.classsr.tile;

/**
 * One LR sub-image of a {@link TileGrid}: its row-major index, its grid row and column, and its
 * top-left corner (x, y) in LR pixel coordinates. The tile's extent (size) belongs to the grid,
 * so a tile stays a few ints that Spark rows and batches can carry cheaply.
 */
public record Tile(int index, int row, int col, int x, int y) {

    public Tile {
        if (index < 0 || row < 0 || col < 0 || x < 0 || y < 0) {
            throw new IllegalArgumentException("tile fields must be non-negative, got index " + index
                    + ", (row " + row + ", col " + col + "), at (" + x + ", " + y + ")");
        }
    }

    @Override
    public String toString() {
        return "Tile#" + index + "(row " + row + ", col " + col + " at x=" + x + ", y=" + y + ")";
    }
}
