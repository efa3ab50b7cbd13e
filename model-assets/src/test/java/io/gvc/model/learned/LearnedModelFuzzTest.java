package io.gvc.model.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gvc.codec.CodecParams;
import io.gvc.codec.GopDecoder;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.variant.Variant;
import io.gvc.model.prior.OnnxFlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Mutated packets against every shipped model, learned and reference (the codec's own fuzz test
 * uses the pure-Java prior, so it never reaches the picture latent or ONNX Runtime): every byte string, with its CRC
 * made valid again so the mutation reaches the fields behind it, either decodes or is refused with
 * a BitstreamException, never another exception.
 */
class LearnedModelFuzzTest {

    static final int ITERATIONS = 400;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {io.gvc.model.registry.ShippedModels.LEARNED,
            io.gvc.model.registry.ShippedModels.LEARNED_BRIDGE, io.gvc.model.registry.ShippedModels.REFERENCE})
    void mutatedPacketsDecodeOrAreRefusedByField(String shipped) throws Exception {
        CodecParams p = CodecParams.builder().variant(Variant.FLF2V).gopFrames(9).codebookSize(256).m(4).steps(8)
                .seed(0x5eedL).intraCodec(DctIntraCodec.ID).keyframeQuality(75).boundaryShare(0.8).threads(1).build();
        try (OnnxFlowPrior prior = (OnnxFlowPrior) io.gvc.model.registry.ModelRegistry.forEncoding(shipped)
                .encodingModel(Variant.FLF2V).open(io.gvc.model.runtime.SessionConfig.cpu())) {
            StreamEncoder.Result r = StreamEncoder.encode(LearnedModelTest.movingSquare(17), p, prior, Progress.NONE);
            List<byte[]> packets = new ArrayList<>();
            List<Frame> shared = new ArrayList<>();
            for (var g : r.gops()) {
                packets.add(PacketCodec.write(g.packet()));
            }
            shared.add(null);
            shared.add(r.reconstruction().frames().get(8));
            int refused = 0, decoded = 0;
            // a counter-based generator of the test's own (java.util.Random is not used for codec data)
            long state = 0x9E3779B97F4A7C15L;
            try (GopDecoder dec = new GopDecoder(prior, 1)) {
                for (int it = 0; it < ITERATIONS; it++) {
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    int k = (int) ((state >>> 33) % packets.size());
                    byte[] m = packets.get(k).clone();
                    // magic, version, the varint length: the body and its CRC as the format lays them out
                    int[] section = io.gvc.codec.fuzz.Mutations.sections(m).get(0);
                    int body = section[0], crcAt = section[1];
                    int at = body + (int) ((state >>> 11) % (crcAt - body));
                    m[at] = (byte) (m[at] ^ (1 + (int) ((state >>> 45) & 0xFE)));
                    CRC32C crc = new CRC32C();
                    crc.update(m, body, crcAt - body);
                    long c = crc.getValue();
                    m[crcAt] = (byte) (c >>> 24);
                    m[crcAt + 1] = (byte) (c >>> 16);
                    m[crcAt + 2] = (byte) (c >>> 8);
                    m[crcAt + 3] = (byte) c;
                    try {
                        GvcPacket gp = PacketCodec.read(m);
                        dec.decode(gp, shared.get(k));
                        decoded++;
                    } catch (BitstreamException e) {
                        refused++;
                    } catch (RuntimeException | OutOfMemoryError e) {
                        fail("packet " + k + ", byte " + at + " flipped: " + e, e);
                    }
                }
            }
            assertEquals(ITERATIONS, refused + decoded);
            // the mutations reach both outcomes: refused by a named field, and decoded
            org.junit.jupiter.api.Assertions.assertTrue(refused > 0 && decoded > 0, refused + " refused, " + decoded
                    + " decoded");
        }
    }
}
