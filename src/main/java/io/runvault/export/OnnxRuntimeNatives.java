package io.runvault.export;

import io.runvault.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts ONNX Runtime's native libraries (shipped inside its jar) under the data directory and points
 * ONNX Runtime at them ({@code onnxruntime.native.path}), so it loads them from there instead of
 * extracting 28 MB into {@code java.io.tmpdir}, which a hardened host may mount noexec. (It still
 * creates one empty folder there when it loads.) Runs at startup, before ONNX Runtime is first used.
 */
@ApplicationScoped
public class OnnxRuntimeNatives {

    static final String PROPERTY = "onnxruntime.native.path";
    private static final Logger LOG = Logger.getLogger(OnnxRuntimeNatives.class.getName());

    @Inject
    Settings settings;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            install(settings.dataDirectory().resolve("onnxruntime"));
        } catch (IOException | RuntimeException e) {
            // ONNX Runtime still works with its own extraction into java.io.tmpdir.
            LOG.log(Level.WARNING, "ONNX Runtime natives stay in java.io.tmpdir: " + e.getMessage(), e);
        }
    }

    /** Copies this platform's libraries into {@code dir} (replacing older copies) and sets the property. */
    static synchronized void install(Path dir) throws IOException {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String platform = platform();
        String[] libraries = {System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni")};
        Files.createDirectories(dir);
        for (String library : libraries) {
            String resource = "ai/onnxruntime/native/" + platform + "/" + library;
            try (InputStream in = OnnxRuntimeNatives.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no " + resource + " in the ONNX Runtime jar");
                }
                Path tmp = Files.createTempFile(dir, library, ".tmp");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, dir.resolve(library), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
    }

    /** ONNX Runtime's folder name for this machine, e.g. {@code linux-x64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : os;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("arm64") ? "aarch64" : arch;
        return o + "-" + a;
    }
}
