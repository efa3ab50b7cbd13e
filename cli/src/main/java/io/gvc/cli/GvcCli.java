package io.gvc.cli;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.MediaFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `gvc` command line: the entry point of ./gvc. */
@Command(name = "gvc", mixinStandardHelpOptions = true, version = "gvc 0.1.0",
        description = {
            "Generative video coding: a rectified-flow video prior turned into a codec.",
            "The bitstream carries boundary frames and, per sampler step, the indices of the",
            "codebook atoms that steer the decoder's generation toward the real video.", ""},
        footer = {"", "Exit codes: 0 ok, 2 usage, 3 bad input (file, bitstream, model), 4 internal error.",
            "Set GVC_DEBUG=1 to see stack traces."},
        subcommands = {EncodeCommand.class, DecodeCommand.class, InfoCommand.class, EvalCommand.class,
            DemoCommand.class, ServeCommand.class, IngestCommand.class, ConsumeCommand.class, TopicsCommand.class,
            ClusterCommand.class, FuzzCommand.class,
            FitPriorCommand.class,
            CommandLine.HelpCommand.class})
public final class GvcCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "gvc-log4j2.properties");
        }
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new GvcCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable e = ex;
            if (System.getenv("GVC_DEBUG") != null) {
                e.printStackTrace();
            }
            if (e instanceof BadInputException || e instanceof BitstreamException || e instanceof MediaFormatException) {
                cmd.getErr().println("gvc " + cmd.getCommandName() + ": " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("gvc " + cmd.getCommandName() + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            cmd.getErr().println("gvc " + cmd.getCommandName() + ": internal error: " + e);
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }
}
