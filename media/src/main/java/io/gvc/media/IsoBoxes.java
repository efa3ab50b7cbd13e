package io.gvc.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The few ISO base media (MP4) box operations HLS packaging needs: split a fragmented MP4 into its
 * top-level boxes, read the track timescale, and rewrite a fragment's decode time and sequence
 * number in place (both are fixed-size fields, so no box changes size).
 */
final class IsoBoxes {

    /** A box: its four-character type, where it starts in the buffer and its total size (header included). */
    record Box(String type, int offset, int size) {

        int end() {
            return offset + size;
        }
    }

    private IsoBoxes() {
    }

    /** The boxes laid one after another in {@code bytes[from, to)}. */
    static List<Box> children(byte[] bytes, int from, int to) {
        List<Box> boxes = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new IllegalArgumentException("truncated box header at byte " + at);
            }
            long size = Integer.toUnsignedLong(b.getInt(at));
            String type = new String(bytes, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (size == 1) {
                size = b.getLong(at + 8); // 64-bit size
            } else if (size == 0) {
                size = to - at; // to the end
            }
            if (size < 8 || at + size > to) {
                throw new IllegalArgumentException("box '" + type + "' at byte " + at + " claims " + size
                        + " bytes, " + (to - at) + " are left");
            }
            boxes.add(new Box(type, at, (int) size));
            at += (int) size;
        }
        return boxes;
    }

    static List<Box> topLevel(byte[] bytes) {
        return children(bytes, 0, bytes.length);
    }

    /** The first box of {@code type} on the path below {@code parent} (a container box), or null. */
    static Box find(byte[] bytes, Box parent, String... path) {
        Box at = parent;
        for (String type : path) {
            Box next = null;
            for (Box c : children(bytes, at.offset() + 8, at.end())) {
                if (c.type().equals(type)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            at = next;
        }
        return at;
    }

    /** The media timescale (ticks per second) of the first track of a moov box. */
    static long timescale(byte[] bytes, Box moov) {
        Box mdhd = find(bytes, moov, "trak", "mdia", "mdhd");
        if (mdhd == null) {
            throw new IllegalArgumentException("moov has no trak/mdia/mdhd");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = bytes[mdhd.offset() + 8];
        // full box header (12), then creation and modification times (4 or 8 bytes each)
        int at = mdhd.offset() + 12 + (version == 1 ? 16 : 8);
        return Integer.toUnsignedLong(b.getInt(at));
    }

    /**
     * Sets, in a moof box, the fragment's sequence number (mfhd) and its track's base media decode
     * time (traf/tfdt), so that independently encoded fragments line up on one timeline.
     */
    static void retime(byte[] bytes, Box moof, long sequenceNumber, long baseMediaDecodeTime) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Box mfhd = find(bytes, moof, "mfhd");
        Box tfdt = find(bytes, moof, "traf", "tfdt");
        if (mfhd == null || tfdt == null) {
            throw new IllegalArgumentException("moof without mfhd or traf/tfdt");
        }
        if (sequenceNumber < 1 || sequenceNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fragment sequence number " + sequenceNumber + " is outside 1..2^32-1");
        }
        b.putInt(mfhd.offset() + 12, (int) sequenceNumber);
        int version = bytes[tfdt.offset() + 8];
        if (version == 1) {
            b.putLong(tfdt.offset() + 12, baseMediaDecodeTime);
        } else if (baseMediaDecodeTime <= 0xFFFF_FFFFL) {
            b.putInt(tfdt.offset() + 12, (int) baseMediaDecodeTime);
        } else {
            throw new IllegalArgumentException("decode time " + baseMediaDecodeTime + " does not fit a version 0 tfdt");
        }
    }
}
