package org.classsr.geo;

/**
 * The sample types read and written, named as GDAL names them. Every value of these types is
 * exact in a float, so pixels are held as floats of their raw values.
 */
public enum SampleType {
    BYTE("Byte", 8, 1, 0, 255),
    UINT16("UInt16", 16, 1, 0, 65535),
    INT16("Int16", 16, 2, -32768, 32767),
    FLOAT32("Float32", 32, 3, -Float.MAX_VALUE, Float.MAX_VALUE);

    private final String gdalName;
    private final int bits;
    private final int sampleFormat;
    private final double min;
    private final double max;

    SampleType(String gdalName, int bits, int sampleFormat, double min, double max) {
        this.gdalName = gdalName;
        this.bits = bits;
        this.sampleFormat = sampleFormat;
        this.min = min;
        this.max = max;
    }

    /** The type of TIFF samples with these BitsPerSample and SampleFormat (1 unsigned, 2 signed, 3 float). */
    public static SampleType of(int bits, int sampleFormat) {
        for (SampleType t : values()) {
            if (t.bits == bits && t.sampleFormat == sampleFormat) {
                return t;
            }
        }
        String kind = switch (sampleFormat) {
            case 1 -> "unsigned";
            case 2 -> "signed";
            case 3 -> "float";
            default -> "format-" + sampleFormat;
        };
        throw new IllegalArgumentException("unsupported sample type: " + bits + "-bit " + kind
                + " (supported: Byte, UInt16, Int16, Float32)");
    }

    public String gdalName() {
        return gdalName;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }

    /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float. */
    public int sampleFormat() {
        return sampleFormat;
    }

    public boolean integral() {
        return sampleFormat != 3;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** A computed value as this type stores it: integers rounded and clamped to the type; NaN stays NaN for floats. */
    public double store(double v) {
        if (!integral()) {
            return v > max ? max : v < min ? min : v;
        }
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(min, Math.min(max, Math.rint(v)));
    }
}
