package io.gvc.cli;

/** The CLI's exit codes, as documented in --help and README.md. */
public final class ExitCodes {

    private ExitCodes() {
    }

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int INTERNAL = 4;
}
