package io.gvc.cli;

import picocli.CommandLine;

/** A frame rate as the command line takes it: {@code 25} or {@code 30000/1001}. */
final class FrameRates {

    private FrameRates() {
    }

    /** {numerator, denominator}, or a usage error naming {@code option}. */
    static int[] parse(String s, String option, CommandLine commandLine) {
        int[] rate = parseOrNull(s);
        if (rate == null) {
            throw new CommandLine.ParameterException(commandLine,
                    option + " must look like 25 or 30000/1001, got '" + s + "'");
        }
        return rate;
    }

    /** {numerator, denominator}, both positive, or null when {@code s} is not a frame rate. */
    static int[] parseOrNull(String s) {
        String[] r = s.split("/");
        try {
            if (r.length <= 2) {
                int num = Integer.parseInt(r[0].trim()), den = r.length == 2 ? Integer.parseInt(r[1].trim()) : 1;
                if (num > 0 && den > 0) {
                    return new int[] {num, den};
                }
            }
        } catch (NumberFormatException e) {
            // not a rate
        }
        return null;
    }
}
