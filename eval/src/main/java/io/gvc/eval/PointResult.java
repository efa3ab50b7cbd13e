package io.gvc.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Objects;

/**
 * Everything measured for one point, one line of points.jsonl and one object of results.json's
 * {@code points}. Every figure comes from a measurement: {@code bytes} is the size of {@code file} on
 * disk, the qualities compare the decoder's output (not the encoder's idea of it) with the source
 * frames, and a metric the run could not measure (LPIPS without the weights) has no value.
 *
 * <p>The JSON object holds the components in this order under their {@code @JsonProperty} names, with
 * {@code qualities} written as one field per {@link Metric} in its place ({@link PointResultJson}).
 *
 * @param file                 the encoded file, relative to the output folder
 * @param bpp                  bits / (frames x width x height)
 * @param bppPerColourSample   the paper's convention, bits / (frames x width x height x 3)
 * @param qualities            the value of each metric, stored as one field per metric under its {@link Metric#key}
 * @param encodeS              wall seconds of encoding (GVC: --threads workers; x264/x265: one thread)
 * @param decodeMatchesEncoder GVC only: whether the decoder's frames equal the encoder's reconstruction
 * @param snapshot             the chosen frame as decoded, a one-frame .y4m relative to the output folder
 * @param fingerprint          the settings the point depends on; a rerun with other settings redoes it
 * @param atomBits             GVC and gvc-m0 only: the atom bits of every packet of {@code file}, read back
 *                             from it (0 for every gvc-m0 point); null for the other codecs
 * @param m                    GVC at a fixed M: that M; gvc-m0: 0; null where the rate control chose M per
 *                             GOP (GVC's default points) and for the other codecs
 * @param targetBpp            GVC and gvc-m0: the rate target the point was coded at; null for the others
 */
@JsonSerialize(using = PointResultJson.Writer.class)
@JsonDeserialize(using = PointResultJson.Reader.class)
public record PointResult(
        @JsonProperty("codec") String codec,
        @JsonProperty("clip") String clip,
        @JsonProperty("setting") String setting,
        @JsonProperty("variant") String variant,
        @JsonProperty("m") Integer m,
        @JsonProperty("crf") Integer crf,
        @JsonProperty("quality") Integer quality,
        @JsonProperty("file") String file,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("frames") int frames,
        @JsonProperty("width") int width,
        @JsonProperty("height") int height,
        @JsonProperty("fps") double fps,
        @JsonProperty("bpp") double bpp,
        @JsonProperty("bpp_per_colour_sample") double bppPerColourSample,
        @JsonProperty("kbps") double kbps,
        Qualities qualities,
        @JsonProperty("encode_s") double encodeS,
        @JsonProperty("decode_s") double decodeS,
        @JsonProperty("encode_fps") double encodeFps,
        @JsonProperty("decode_fps") double decodeFps,
        @JsonProperty("decode_matches_encoder") Boolean decodeMatchesEncoder,
        @JsonProperty("snapshot") String snapshot,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("atom_bits") Long atomBits,
        @JsonProperty("target_bpp") Double targetBpp) {

    public PointResult {
        Objects.requireNonNull(qualities, "qualities");
    }

    public String key() {
        return PointSpec.key(clip, codec, setting);
    }

    /** Derived from the codec, so not stored (PointResultJson writes the components only). */
    public boolean isGvc() {
        return PointSpec.isGvc(codec);
    }

    public boolean isM0() {
        return PointSpec.isM0(codec);
    }

    public String label() {
        return PointSpec.label(codec, setting);
    }
}
