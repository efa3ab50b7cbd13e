package io.gvc.cli;

import io.gvc.codec.StreamDecoder;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.media.VideoWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode a .gvc stream to .y4m (exact) or .mp4 (near-lossless x264, for viewing).")
final class DecodeCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, description = "Input .gvc file.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Output .y4m or .mp4.")
    Path output;

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() throws Exception {
        Outputs.checkVideoExtension("--output", output);
        Outputs.checkWritable("--output", output);
        byte[] file = Inputs.bytes(input);
        ContainerCodec.Container stream = ContainerCodec.read(file);
        FlowPrior prior = modelOptions.priorFor(stream.header().config());
        Video v = StreamDecoder.decode(stream, prior, modelOptions.threads(), new ProgressLine("decode", System.err));
        Outputs.write(output, to -> VideoWriter.write(v, to));
        System.out.printf("%s: %d frames %dx%d%n", output, v.frameCount(), v.format().width(), v.format().height());
        return ExitCodes.OK;
    }
}
