package io.gvc.cli;

import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.codec.prior.SpectrumFitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "fit-prior", mixinStandardHelpOptions = true,
        description = {"Fit the Gaussian DCT prior's spectrum from video files and write the prior file.",
            "The shipped default was made with:",
            "  ./gvc fit-prior -o model-assets/src/main/resources/gvc/priors/gauss-dct-default.txt \\",
            "      ../shared/data/video/{bikes,test,moviepy_chaplin,torchcodec_nasa_13013}.mp4 --frames 161"})
final class FitPriorCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "Training videos.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, description = "Prior file to write.")
    Path output;

    @Option(names = "--gop", description = "GOP length the spectrum refers to (default: ${DEFAULT-VALUE}).",
            defaultValue = "33")
    int gop;

    @Option(names = "--frames", description = "Frames read per video (default: ${DEFAULT-VALUE}).", defaultValue = "161")
    int frames;

    @Override
    public Integer call() throws Exception {
        SpectrumFitter fitter = new SpectrumFitter(gop, 1);
        for (Path in : inputs) {
            Video v = Inputs.video(in, frames, null, null);
            System.err.printf("fit-prior: %s, %d frames %dx%d%n", in.getFileName(), v.frameCount(),
                    v.format().width(), v.format().height());
            try {
                fitter.add(in.getFileName().toString(), v);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        PriorSpectrum s = fitter.fit();
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, s.toText(), StandardCharsets.UTF_8);
        System.out.println(output + ": prior sha256 " + PriorSpectrum.load(output).sha256());
        return ExitCodes.OK;
    }
}
