package io.gvc.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything measured for one point, one line of points.jsonl and one object of results.json's
 * {@code points}. Every figure comes from a measurement: {@code bytes} is the size of {@code file} on
 * disk, the qualities compare the decoder's output (not the encoder's idea of it) with the source
 * frames, and {@code lpips} is null when the LPIPS weights were not available.
 *
 * @param file                 the encoded file, relative to the output folder
 * @param bpp                  bits / (frames x width x height)
 * @param bppPerColourSample   the paper's convention, bits / (frames x width x height x 3)
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
@JsonIgnoreProperties(ignoreUnknown = true)
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
        @JsonProperty("psnr_y") double psnrY,
        @JsonProperty("psnr_u") double psnrU,
        @JsonProperty("psnr_v") double psnrV,
        @JsonProperty("psnr_yuv") double psnrYuv,
        @JsonProperty("ms_ssim") double msSsim,
        @JsonProperty("lpips") Double lpips,
        @JsonProperty("encode_s") double encodeS,
        @JsonProperty("decode_s") double decodeS,
        @JsonProperty("encode_fps") double encodeFps,
        @JsonProperty("decode_fps") double decodeFps,
        @JsonProperty("decode_matches_encoder") Boolean decodeMatchesEncoder,
        @JsonProperty("snapshot") String snapshot,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("atom_bits") Long atomBits,
        @JsonProperty("target_bpp") Double targetBpp) {

    public String key() {
        return PointSpec.key(clip, codec, setting);
    }

    /** Derived from the codec, so not stored: Jackson would write it, in an order that varies between runs. */
    @JsonIgnore
    public boolean isGvc() {
        return PointSpec.isGvc(codec);
    }

    @JsonIgnore
    public boolean isM0() {
        return PointSpec.isM0(codec);
    }

    public String label() {
        return PointSpec.label(codec, setting);
    }
}
