package io.gvc.model.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static io.gvc.model.manifest.JsonFields.bool;
import static io.gvc.model.manifest.JsonFields.enumOf;
import static io.gvc.model.manifest.JsonFields.nonNegative;
import static io.gvc.model.manifest.JsonFields.number;
import static io.gvc.model.manifest.JsonFields.obj;
import static io.gvc.model.manifest.JsonFields.positive;
import static io.gvc.model.manifest.JsonFields.req;
import static io.gvc.model.manifest.JsonFields.str;

import io.gvc.model.manifest.ModelManifest.Conditioning;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.ExternalFile;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.FrameRule;
import io.gvc.model.manifest.ModelManifest.Latent;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import io.gvc.model.manifest.ModelManifest.Layout;
import io.gvc.model.manifest.ModelManifest.ModelFile;
import io.gvc.model.manifest.ModelManifest.Sampler;
import io.gvc.model.manifest.ModelManifest.TensorDecl;
import io.gvc.model.manifest.ModelManifest.TensorRole;
import io.gvc.model.manifest.ModelManifest.Timestep;
import io.gvc.model.onnx.Dim;
import io.gvc.model.onnx.ElemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code manifest.json}. Reading is strict: an unknown key, role or dtype, or a
 * missing field, is refused with the JSON path of the offending field (e.g.
 * {@code files[0].inputs[2].role: unknown role 'noise'}), so a typo never silently drops a binding.
 * Writing ({@link ManifestWriter}) is deterministic (fixed key order, two-space indent, '\n' line ends, final newline).
 */
public final class ManifestCodec {

    /** dtypes a manifest may declare. */
    static final Set<ElemType> DTYPES = Set.of(ElemType.FLOAT, ElemType.FLOAT16, ElemType.BFLOAT16, ElemType.INT64,
            ElemType.INT32);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestCodec() {
    }

    public static ModelManifest parse(byte[] json, String source) throws ManifestException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestException(source + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ManifestException(source + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(source + ": " + e.getMessage());
        }
    }

    private static ModelManifest parse(JsonNode root) {
        obj(root, "(root)", Set.of("format", "name", "version", "files", "latent", "conditioning", "timestep", "sampler"));
        String format = str(root, "format", "");
        if (!ModelManifest.FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: expected '" + ModelManifest.FORMAT + "', got '" + format + "'");
        }
        String name = str(root, "name", "");
        String version = str(root, "version", "");
        JsonNode filesNode = req(root, "files", "");
        if (!filesNode.isArray() || filesNode.isEmpty()) {
            throw new IllegalArgumentException("files: must be a non-empty array");
        }
        List<ModelFile> files = new ArrayList<>();
        for (int i = 0; i < filesNode.size(); i++) {
            ModelFile f = file(filesNode.get(i), "files[" + i + "]");
            for (ModelFile g : files) {
                if (g.role() == f.role()) {
                    throw new IllegalArgumentException("files[" + i + "].role: second file with role '"
                            + f.role().spelling() + "'");
                }
            }
            files.add(f);
        }
        if (files.stream().noneMatch(f -> f.role() == FileRole.VELOCITY)) {
            throw new IllegalArgumentException("files: no file with role 'velocity'");
        }

        JsonNode l = req(root, "latent", "");
        obj(l, "latent", Set.of("kind", "channels", "temporal_stride", "spatial_stride", "frames"));
        Latent latent = new Latent(
                enumOf(LatentKind.class, str(l, "kind", "latent."), "latent.kind", "latent kind"),
                positive(l, "channels", "latent."), positive(l, "temporal_stride", "latent."),
                positive(l, "spatial_stride", "latent."),
                enumOf(FrameRule.class, str(l, "frames", "latent."), "latent.frames", "frame rule"));
        if (latent.kind() == LatentKind.PICTURE && latent.channels() != DctPictureLatentSpace.CHANNELS) {
            throw new IllegalArgumentException("latent.channels: the picture latent has " + DctPictureLatentSpace.CHANNELS
                    + " channels (4 luma phases, U, V), got " + latent.channels());
        }

        JsonNode c = req(root, "conditioning", "");
        obj(c, "conditioning", Set.of("kind", "flf2v", "i2v", "t2v"));
        Conditioning cond = new Conditioning(
                enumOf(ConditioningKind.class, str(c, "kind", "conditioning."), "conditioning.kind", "conditioning kind"),
                bool(c, "flf2v", "conditioning."), bool(c, "i2v", "conditioning."), bool(c, "t2v", "conditioning."));
        if (!cond.flf2v() && !cond.i2v() && !cond.t2v()) {
            throw new IllegalArgumentException("conditioning: supports no variant (set flf2v, i2v or t2v)");
        }

        Timestep timestep = enumOf(Timestep.class, str(root, "timestep", ""), "timestep", "timestep convention");

        JsonNode s = req(root, "sampler", "");
        obj(s, "sampler", Set.of("steps", "shift", "g_scale", "tail"));
        int steps = positive(s, "steps", "sampler.");
        int tail = nonNegative(s, "tail", "sampler.");
        if (tail > steps) {
            throw new IllegalArgumentException("sampler.tail: " + tail + " exceeds steps " + steps);
        }
        Sampler sampler = new Sampler(steps, number(s, "shift", "sampler."), number(s, "g_scale", "sampler."), tail);
        return new ModelManifest(format, name, version, files, latent, cond, timestep, sampler);
    }

    private static ModelFile file(JsonNode f, String at) {
        obj(f, at, Set.of("role", "path", "sha256", "inputs", "outputs", "external_data"));
        FileRole role = enumOf(FileRole.class, str(f, "role", at + "."), at + ".role", "file role");
        String path = relativePath(str(f, "path", at + "."), at + ".path");
        String sha = sha(f, at);
        List<TensorDecl> inputs = tensors(req(f, "inputs", at + "."), at + ".inputs");
        List<TensorDecl> outputs = tensors(req(f, "outputs", at + "."), at + ".outputs");
        List<ExternalFile> ext = new ArrayList<>();
        JsonNode e = f.get("external_data");
        if (e != null) {
            if (!e.isArray()) {
                throw new IllegalArgumentException(at + ".external_data: must be an array");
            }
            for (int i = 0; i < e.size(); i++) {
                String eat = at + ".external_data[" + i + "]";
                obj(e.get(i), eat, Set.of("path", "sha256"));
                ext.add(new ExternalFile(relativePath(str(e.get(i), "path", eat + "."), eat + ".path"), sha(e.get(i), eat)));
            }
        }
        return new ModelFile(role, path, sha, inputs, outputs, ext);
    }

    private static String sha(JsonNode n, String at) {
        String sha = str(n, "sha256", at + ".");
        if (!SHA256.matcher(sha).matches()) {
            throw new IllegalArgumentException(at + ".sha256: expected 64 lower-case hex digits, got '" + sha + "'");
        }
        return sha;
    }

    private static String relativePath(String p, String at) {
        if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.matches("(^|.*/)\\.\\.(/.*|$)")) {
            throw new IllegalArgumentException(at + ": must be a relative path inside the model folder, got '" + p + "'");
        }
        return p;
    }

    private static List<TensorDecl> tensors(JsonNode arr, String at) {
        if (!arr.isArray()) {
            throw new IllegalArgumentException(at + ": must be an array");
        }
        List<TensorDecl> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String tat = at + "[" + i + "]";
            JsonNode t = arr.get(i);
            obj(t, tat, Set.of("name", "role", "dtype", "shape", "layout"));
            String name = str(t, "name", tat + ".");
            TensorRole role = enumOf(TensorRole.class, str(t, "role", tat + "."), tat + ".role", "role");
            String dt = str(t, "dtype", tat + ".");
            ElemType dtype;
            try {
                dtype = ElemType.parse(dt);
            } catch (IllegalArgumentException e) {
                dtype = null;
            }
            if (dtype == null || !DTYPES.contains(dtype)) {
                throw new IllegalArgumentException(tat + ".dtype: unknown dtype '" + dt
                        + "' (known: float32, float16, bfloat16, int64, int32)");
            }
            JsonNode sh = req(t, "shape", tat + ".");
            if (!sh.isArray()) {
                throw new IllegalArgumentException(tat + ".shape: must be an array of sizes and names");
            }
            List<Dim> dims = new ArrayList<>();
            for (int k = 0; k < sh.size(); k++) {
                JsonNode d = sh.get(k);
                if (d.isIntegralNumber() && d.asLong() >= 0) {
                    dims.add(Dim.of(d.asLong()));
                } else if (d.isTextual() && !d.asText().isEmpty()) {
                    dims.add(Dim.of(d.asText()));
                } else {
                    throw new IllegalArgumentException(tat + ".shape[" + k + "]: expected a size >= 0 or a name, got " + d);
                }
            }
            Layout layout = t.has("layout")
                    ? enumOf(Layout.class, str(t, "layout", tat + "."), tat + ".layout", "layout")
                    : defaultLayout(dims);
            for (TensorDecl o : out) {
                if (o.name().equals(name)) {
                    throw new IllegalArgumentException(tat + ".name: tensor '" + name + "' declared twice");
                }
            }
            out.add(new TensorDecl(name, role, dtype, dims, layout));
        }
        return out;
    }

    /** Rank-5 latent tensors default to [B, C, T, H, W], everything else to frame-major. */
    static Layout defaultLayout(List<Dim> dims) {
        return dims.size() == 5 ? Layout.BCTHW : Layout.FRAMES;
    }

    /** The manifest as JSON bytes, deterministic (see class comment). */
    public static byte[] write(ModelManifest m) {
        return ManifestWriter.write(m);
    }
}
