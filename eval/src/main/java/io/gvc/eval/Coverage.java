package io.gvc.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The rate and PSNR-Y range one codec covered on one clip: where a baseline could not reach GVC's rates. */
public record Coverage(
        @JsonProperty("clip") String clip,
        @JsonProperty("codec") String codec,
        @JsonProperty("points") int points,
        @JsonProperty("bpp_min") double bppMin,
        @JsonProperty("bpp_max") double bppMax,
        @JsonProperty("psnr_y_min") double psnrYMin,
        @JsonProperty("psnr_y_max") double psnrYMax) {
}
