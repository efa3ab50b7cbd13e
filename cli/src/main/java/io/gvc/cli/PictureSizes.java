package io.gvc.cli;

import java.util.Locale;
import picocli.CommandLine;

/** A picture size as the command line takes it: {@code 176x144} (the x in either case). */
final class PictureSizes {

    private PictureSizes() {
    }

    /** {width, height}, or a usage error naming {@code option}. */
    static int[] parse(String s, String option, CommandLine commandLine) {
        int[] wh = parseOrNull(s);
        if (wh == null) {
            throw new CommandLine.ParameterException(commandLine, option + " must look like 176x144, got '" + s + "'");
        }
        return wh;
    }

    /** {width, height}, or null when {@code s} is not two whole numbers around an x. */
    static int[] parseOrNull(String s) {
        String[] wh = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (wh.length == 2) {
                return new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())};
            }
        } catch (NumberFormatException e) {
            // not a size
        }
        return null;
    }
}
