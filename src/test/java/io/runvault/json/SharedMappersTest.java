package io.runvault.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Files already in runs were written by private mappers with these settings; the shared ones must
 * write the same bytes, or a re-export of the same data would differ.
 */
class SharedMappersTest {

    private static Map<String, Object> document() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("lr", new BigDecimal("0.00001"));
        nested.put("big", 1.0E10);
        nested.put("small", 1.0E-4);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "run: \"a\"");
        doc.put("epochs", 3);
        doc.put("accuracy", 0.875);
        doc.put("history", List.of(0.5, 0.25, 0.125));
        doc.put("optimizer", nested);
        doc.put("empty", List.of());
        return doc;
    }

    @Test
    void prettyJsonIsWhatIndentOutputWrote() throws IOException {
        ObjectMapper before = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        assertEquals(before.writeValueAsString(document()), Json.PRETTY.writeValueAsString(document()));
    }

    @Test
    void compactJsonIsWhatADefaultMapperWrote() throws IOException {
        assertEquals(new ObjectMapper().writeValueAsString(document()), Json.MAPPER.writeValueAsString(document()));
    }

    @Test
    void yamlIsWhatADefaultYamlMapperWrote() throws IOException {
        ObjectMapper before = new ObjectMapper(new YAMLFactory());
        assertEquals(before.writeValueAsString(document()), Yaml.MAPPER.writeValueAsString(document()));
    }

    @Test
    void plainYamlHasNoStartMarkerAndPlainDecimals() throws IOException {
        ObjectMapper before = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        String written = Yaml.PLAIN.writeValueAsString(Map.of("lr", new BigDecimal("1E-5")));
        assertEquals("lr: 0.00001\n", written);
        assertEquals(before.writeValueAsString(document()), Yaml.PLAIN.writeValueAsString(document()));
    }

    @Test
    void writersLeaveAGivenStreamOpen() throws IOException {
        boolean[] closed = {false};
        OutputStream out = new FilterOutputStream(new ByteArrayOutputStream()) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Json.PRETTY.writeValue(out, document());
        Yaml.PLAIN.writeValue(out, document());
        assertFalse(closed[0], "the caller still writes to the stream afterwards");
    }

    /** Every class writes through the shared mappers, so every file a run holds is written one way. */
    @Test
    void noOtherClassBuildsAMapperOfItsOwn() throws IOException {
        Path sources = Path.of("src/main/java/io/runvault");
        assertTrue(Files.isDirectory(sources.resolve("json")), "run from the project directory");
        Pattern ownMapper = Pattern.compile("new ([\\w.]+\\.)?(ObjectMapper|YAMLMapper|JsonMapper)\\(|(JsonMapper|YAMLMapper)\\.builder\\(");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (file.getParent().endsWith("json")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (ownMapper.matcher(lines.get(i)).find()) {
                        offenders.add(sources.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "use io.runvault.json.Json / Yaml instead of a mapper of one's own");
    }
}
