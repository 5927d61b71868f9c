package io.runvault.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The application's YAML mapper (Jackson's YAML module, so YAML and JSON trees are the same
 * {@code JsonNode}s). With Jackson's defaults, as run configurations have always been written: a
 * {@code ---} first line, block style.
 */
public final class Yaml {

    /** Reads YAML; writes it with a {@code ---} first line. */
    public static final ObjectMapper MAPPER = new YAMLMapper();

    /**
     * Writes YAML meant to be pasted into a configuration: no {@code ---} line, decimals in plain
     * notation (0.00001, never 1E-5); a stream given to it stays open. The document start marker is
     * a setting of the YAML generator itself, which a writer cannot change, hence its own factory.
     */
    public static final ObjectWriter PLAIN = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build().writer();

    private Yaml() {
    }
}
