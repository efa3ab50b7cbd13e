package io.gvc.model.lpips;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads numpy {@code .npz} archives (a zip of {@code .npy} files, stored or deflated) and single
 * {@code .npy} streams. Each array must be little-endian float32 ({@code <f4}) or float64
 * ({@code <f8}, converted) in C order; anything else is refused with the array's name.
 */
public final class NpzReader {

    /** One array: its name (the entry name without .npy), shape and values in C order. */
    public record NpyArray(String name, long[] shape, float[] data) {
        public NpyArray {
            shape = shape.clone();
        }

        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpzReader() {
    }

    /** All arrays of an .npz, in archive order, keyed by name (e.g. "features.0.weight"). */
    public static Map<String, NpyArray> read(Path npz) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, readNpy(name, in));
                }
            }
        }
        return out;
    }

    /** Parses one .npy stream. */
    public static NpyArray readNpy(String name, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length < 10) {
            throw new IOException(name + ": too short for an .npy file");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) {
                throw new IOException(name + ": not an .npy file (bad magic)");
            }
        }
        int major = all[6] & 0xFF;
        ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(name + ": unsupported .npy version " + major);
        }
        String header = new String(all, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
            throw new IOException(name + ": Fortran-order arrays are not supported");
        }
        String shapeText = group(SHAPE, header, name, "shape").trim();
        long[] shape;
        if (shapeText.isEmpty()) {
            shape = new long[0];
        } else {
            String[] parts = shapeText.split(",");
            int n = 0;
            long[] tmp = new long[parts.length];
            for (String p : parts) {
                if (!p.isBlank()) {
                    tmp[n++] = Long.parseLong(p.trim());
                }
            }
            shape = java.util.Arrays.copyOf(tmp, n);
        }
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLen;
        int width = switch (descr) {
            case "<f4", "=f4" -> 4;
            case "<f8", "=f8" -> 8;
            default -> throw new IOException(name + ": dtype " + descr + " not supported (little-endian float32 or float64)");
        };
        if (all.length - dataStart != count * width) {
            throw new IOException(name + ": " + (all.length - dataStart) + " data bytes for shape "
                    + java.util.Arrays.toString(shape) + " of " + descr);
        }
        float[] data = new float[(int) count];
        bb.position(dataStart);
        if (width == 4) {
            bb.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            java.nio.DoubleBuffer d = bb.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) d.get(i);
            }
        }
        return new NpyArray(name, shape, data);
    }

    private static String group(Pattern p, String header, String name, String key) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": .npy header lacks '" + key + "': " + header.trim());
        }
        return m.group(1);
    }
}
