package io.runvault.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.runvault.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StudyPagesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"study-data\">(.*?)</script>", Pattern.DOTALL);

    private static String page(String figure, Study study, Map<String, Double> importances) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StudyPages.write(figure, study, StudyReportsTest.space(), importances, "why not", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePageCarriesTheStudyAndLoadsNothing() throws Exception {
        Study study = StudyReportsTest.study(Direction.MAXIMIZE);
        for (String figure : StudyPages.FIGURES) {
            String html = page(figure, study, Map.of("learningRate", 0.7, "layers", 0.2, "optimizer", 0.1));
            assertTrue(html.contains("default-src 'none'"), "its own policy forbids loading anything");
            assertFalse(Pattern.compile("\\b(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                    "no reference to any other file");
            Matcher m = DATA.matcher(html);
            assertTrue(m.find());
            JsonNode data = Json.MAPPER.readTree(m.group(1));
            assertEquals(figure, data.get("figure").asText());
            assertEquals(study.trials().size(), data.get("trials").size());
            assertEquals(study.best().orElseThrow().number(), data.get("best").asInt());
            assertEquals(List.of("learningRate", "layers", "optimizer"),
                    List.of(data.get("params").get(0).get("name").asText(), data.get("params").get(1).get("name").asText(),
                            data.get("params").get(2).get("name").asText()));
            assertTrue(data.get("params").get(0).get("log").asBoolean());
            assertEquals("categorical", data.get("params").get(2).get("kind").asText());
        }
    }

    @Test
    void userTextCannotCloseTheScriptOrTheTitle() throws Exception {
        SearchSpace space = new SearchSpace(new LinkedHashMap<>(Map.of("note",
                CategoricalDistribution.of("</script><script>alert(1)</script>", "plain"))));
        Trial t = Trial.running(0, Map.of("note", "</script><script>alert(1)</script>"), space, T0).complete(0.5, T0);
        Study study = new Study("<b>x</b>", new Objective("val_auc", Direction.MAXIMIZE), List.of(t));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StudyPages.write("slice", study, space, null, "importance needs at least 2 completed trials", out);
        String html = out.toString(StandardCharsets.UTF_8);
        assertFalse(html.contains("<script>alert"), "the value stays inside the JSON");
        assertFalse(html.contains("<b>x</b>"), "the name is text in the title");
        Matcher m = DATA.matcher(html);
        assertTrue(m.find());
        assertEquals("</script><script>alert(1)</script>",
                Json.MAPPER.readTree(m.group(1)).get("trials").get(0).get("params").get("note").asText());
        assertTrue(Json.MAPPER.readTree(m.group(1)).get("importances").isNull());
    }

    @Test
    void anUnknownFigureIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> page("contour", StudyReportsTest.study(Direction.MINIMIZE), null));
    }
}
