package org.classsr.geo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.classsr.image.TiffIfd;
import org.classsr.image.TiffIfd.Entry;

/** The IFD entries the strip and the tiled GeoTIFF writers share. */
final class GeoIfd {

    private GeoIfd() {
    }

    /** A carried field in the type it came in (integers as SHORT or LONG, numbers as DOUBLE, text as ASCII). */
    static Entry carried(TiffField f) {
        if (f.text() != null) {
            byte[] t = (f.text() + "\0").getBytes(StandardCharsets.ISO_8859_1);
            return new Entry(f.tag(), TiffField.ASCII, t.length, t);
        }
        if (f.doubles() != null) {
            double[] d = f.doubles();
            ByteBuffer b = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : d) {
                b.putDouble(v);
            }
            return new Entry(f.tag(), TiffField.DOUBLE, d.length, b.array());
        }
        long[] v = f.longs();
        boolean shorts = Arrays.stream(v).allMatch(x -> x >= 0 && x <= 0xFFFF);
        return TiffIfd.numbers(f.tag(), shorts ? TiffField.SHORT : TiffField.LONG, v);
    }

    /** The entries every layout shares: size, samples, photometric, extra samples, the carried geo tags. */
    static List<Entry> common(GeoTiffWriter.Layout l, GeoTags tags, int compression) {
        long[] bits = new long[l.bands()];
        long[] formats = new long[l.bands()];
        Arrays.fill(bits, l.type().bits());
        Arrays.fill(formats, l.type().sampleFormat());
        List<Entry> entries = new ArrayList<>();
        entries.add(TiffIfd.numbers(256, TiffField.LONG, l.width()));
        entries.add(TiffIfd.numbers(257, TiffField.LONG, l.height()));
        entries.add(TiffIfd.numbers(258, TiffField.SHORT, bits));
        entries.add(TiffIfd.numbers(259, TiffField.SHORT, compression));
        entries.add(TiffIfd.numbers(262, TiffField.SHORT, l.photometric()));
        entries.add(TiffIfd.numbers(277, TiffField.SHORT, l.bands()));
        entries.add(TiffIfd.numbers(284, TiffField.SHORT, 1));
        if (l.extraSamples().length > 0) {
            entries.add(TiffIfd.numbers(338, TiffField.SHORT, l.extraSamples()));
        }
        entries.add(TiffIfd.numbers(339, TiffField.SHORT, formats));
        for (TiffField f : tags.fields()) {
            entries.add(carried(f));
        }
        return entries;
    }
}
