package io.gvc.model.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.model.manifest.ModelManifest.ExternalFile;
import io.gvc.model.manifest.ModelManifest.ModelFile;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.onnx.Dim;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@code manifest.json} deterministically: fixed key order, two-space indent, '\n' line ends,
 * a final newline, shapes on one line, and a tensor's layout only where it is not the default.
 */
final class ManifestWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestWriter() {
    }

    /** The manifest as JSON bytes. */
    static byte[] write(ModelManifest m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("format", m.format());
            g.writeStringField("name", m.name());
            g.writeStringField("version", m.version());
            g.writeArrayFieldStart("files");
            for (ModelFile f : m.files()) {
                g.writeStartObject();
                g.writeStringField("role", f.role().spelling());
                g.writeStringField("path", f.path());
                g.writeStringField("sha256", f.sha256());
                writeTensors(g, "inputs", f.inputs());
                writeTensors(g, "outputs", f.outputs());
                if (!f.externalData().isEmpty()) {
                    g.writeArrayFieldStart("external_data");
                    for (ExternalFile e : f.externalData()) {
                        g.writeStartObject();
                        g.writeStringField("path", e.path());
                        g.writeStringField("sha256", e.sha256());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("latent");
            g.writeStringField("kind", m.latent().kind().spelling());
            g.writeNumberField("channels", m.latent().channels());
            g.writeNumberField("temporal_stride", m.latent().temporalStride());
            g.writeNumberField("spatial_stride", m.latent().spatialStride());
            g.writeStringField("frames", m.latent().frames().spelling());
            g.writeEndObject();
            g.writeObjectFieldStart("conditioning");
            g.writeStringField("kind", m.conditioning().kind().spelling());
            g.writeBooleanField("flf2v", m.conditioning().flf2v());
            g.writeBooleanField("i2v", m.conditioning().i2v());
            g.writeBooleanField("t2v", m.conditioning().t2v());
            g.writeEndObject();
            g.writeStringField("timestep", m.timestep().spelling());
            g.writeObjectFieldStart("sampler");
            g.writeNumberField("steps", m.sampler().steps());
            g.writeNumberField("shift", m.sampler().shift());
            g.writeNumberField("g_scale", m.sampler().gScale());
            g.writeNumberField("tail", m.sampler().tail());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void writeTensors(JsonGenerator g, String field, List<TensorDecl> ts) throws IOException {
        g.writeArrayFieldStart(field);
        for (TensorDecl t : ts) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("role", t.role().spelling());
            g.writeStringField("dtype", t.dtype().spelling());
            g.writeFieldName("shape");
            StringBuilder sh = new StringBuilder("[");
            for (Dim d : t.shape()) {
                if (sh.length() > 1) {
                    sh.append(", ");
                }
                sh.append(d.symbolic() ? MAPPER.writeValueAsString(d.param()) : Long.toString(d.value()));
            }
            g.writeRawValue(sh.append(']').toString());
            if (t.layout() != ManifestCodec.defaultLayout(t.shape())) {
                g.writeStringField("layout", t.layout().spelling());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
