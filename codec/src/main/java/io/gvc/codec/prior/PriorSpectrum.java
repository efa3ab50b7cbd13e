package io.gvc.codec.prior;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The fitted parameters of the Gaussian DCT prior: for each conditioning mode and plane class, the
 * variance per frequency band of what the prior must generate. The file is a few lines of text
 * (format below) so a reviewer can read what the prior believes; its SHA-256 identifies the model
 * in the bitstream.
 *
 * <pre>
 * format gvc-gauss-dct 1
 * reference_gop_frames 33
 * bridge.Y v0 .. v7      variance of x - lerp(first, last), divided by 4 a (1 - a)
 * bridge.C v0 .. v7
 * walk.Y   v0 .. v7      variance of x - first, divided by a
 * walk.C   v0 .. v7
 * frame.Y  v0 .. v7      second moment of x - dc_mean
 * frame.C  v0 .. v7
 * dc_mean  Y C           mean of (pixel - 128), for the unconditional mode
 * fitted_from TEXT
 * </pre>
 * Variances are in pixel units squared: for AC bands the variance of an orthonormal DCT coefficient,
 * for band 0 the variance of the plane's mean (so the file does not depend on picture size).
 * {@code a} is the frame's position in its GOP, 0 to 1, and bridge and walk variances are for a GOP
 * of {@code reference_gop_frames}; other lengths scale them linearly with the gap, as a Brownian
 * motion would.
 */
public record PriorSpectrum(int referenceGopFrames, double[][] bridge, double[][] walk, double[][] frame,
                            double[] dcMean, String fittedFrom, String sha256) {

    public static final String FORMAT = "gvc-gauss-dct";
    public static final int VERSION = 1;

    public enum Mode { BRIDGE, WALK, FRAME }

    public double[][] variances(Mode mode) {
        return switch (mode) {
            case BRIDGE -> bridge;
            case WALK -> walk;
            case FRAME -> frame;
        };
    }

    /** Serialises in the documented text format (the bytes whose hash identifies the prior). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("# GVC Gaussian DCT prior; see io.gvc.codec.prior.PriorSpectrum for the meaning of each line\n");
        sb.append("format ").append(FORMAT).append(' ').append(VERSION).append('\n');
        sb.append("reference_gop_frames ").append(referenceGopFrames).append('\n');
        String[] cls = {"Y", "C"};
        for (Mode m : Mode.values()) {
            for (int c = 0; c < SpectralBands.PLANE_CLASSES; c++) {
                sb.append(m.name().toLowerCase(Locale.ROOT)).append('.').append(cls[c]);
                for (double v : variances(m)[c]) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.6g", v));
                }
                sb.append('\n');
            }
        }
        sb.append("dc_mean ").append(String.format(Locale.ROOT, "%.6g %.6g", dcMean[0], dcMean[1])).append('\n');
        sb.append("fitted_from ").append(fittedFrom.replace('\n', ' ')).append('\n');
        return sb.toString();
    }

    public static PriorSpectrum parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int ref = -1;
        double[][][] tables = new double[3][SpectralBands.PLANE_CLASSES][];
        double[] dc = null;
        String from = "";
        boolean formatSeen = false;
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tok = line.split("\\s+");
            String key = tok[0];
            try {
                if (key.equals("format")) {
                    if (tok.length != 3 || !tok[1].equals(FORMAT) || Integer.parseInt(tok[2]) != VERSION) {
                        throw new IOException("prior file line " + lineNo + ": expected 'format " + FORMAT + " "
                                + VERSION + "', got '" + line + "'");
                    }
                    formatSeen = true;
                } else if (key.equals("reference_gop_frames")) {
                    ref = Integer.parseInt(tok[1]);
                } else if (key.equals("dc_mean")) {
                    dc = new double[] {Double.parseDouble(tok[1]), Double.parseDouble(tok[2])};
                } else if (key.equals("fitted_from")) {
                    from = line.substring(key.length()).strip();
                } else if (key.contains(".")) {
                    Mode m = Mode.valueOf(key.substring(0, key.indexOf('.')).toUpperCase(Locale.ROOT));
                    String c = key.substring(key.indexOf('.') + 1);
                    int cls = c.equals("Y") ? 0 : c.equals("C") ? 1 : -1;
                    if (cls < 0 || tok.length != SpectralBands.BANDS + 1) {
                        throw new IOException("prior file line " + lineNo + ": '" + key + "' needs "
                                + SpectralBands.BANDS + " values");
                    }
                    double[] v = new double[SpectralBands.BANDS];
                    for (int b = 0; b < v.length; b++) {
                        v[b] = Double.parseDouble(tok[b + 1]);
                        if (!(v[b] > 0) || Double.isInfinite(v[b])) {
                            throw new IOException("prior file line " + lineNo + ": variance must be positive");
                        }
                    }
                    tables[m.ordinal()][cls] = v;
                } else {
                    throw new IOException("prior file line " + lineNo + ": unknown key '" + key + "'");
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("prior file line " + lineNo + ": malformed '" + line + "'");
            } catch (IllegalArgumentException e) {
                throw new IOException("prior file line " + lineNo + ": unknown mode in '" + key + "'");
            }
        }
        if (!formatSeen || ref < 2 || dc == null) {
            throw new IOException("prior file lacks its format, reference_gop_frames or dc_mean line");
        }
        List<String> missing = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (int c = 0; c < 2; c++) {
                if (tables[m.ordinal()][c] == null) {
                    missing.add(m.name().toLowerCase(Locale.ROOT) + (c == 0 ? ".Y" : ".C"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("prior file lacks " + missing);
        }
        return new PriorSpectrum(ref, tables[0], tables[1], tables[2], dc, from, sha256Hex(bytes));
    }

    public static PriorSpectrum load(Path path) throws IOException {
        return parse(Files.readAllBytes(path));
    }

    public static PriorSpectrum load(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** A spectrum built in memory; its hash is that of its text form. */
    public static PriorSpectrum of(int referenceGopFrames, double[][] bridge, double[][] walk, double[][] frame,
                                   double[] dcMean, String fittedFrom) {
        PriorSpectrum draft = new PriorSpectrum(referenceGopFrames, bridge, walk, frame, dcMean, fittedFrom, "");
        try {
            return parse(draft.toText().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("spectrum does not survive its own format: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
