package io.runvault.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpsRedirectFilterTest {

    @Test
    void withoutRunvaultHstsTheHeaderComesWithTheRedirectOnly() {
        assertEquals("max-age=31536000", HttpsRedirectFilter.hstsValue(Optional.empty(), true));
        assertNull(HttpsRedirectFilter.hstsValue(Optional.empty(), false));
    }

    @Test
    void runvaultHstsSetsTheValueWithOrWithoutTheRedirect() {
        String value = "max-age=600; includeSubDomains";
        assertEquals(value, HttpsRedirectFilter.hstsValue(Optional.of(value), false));
        assertEquals(value, HttpsRedirectFilter.hstsValue(Optional.of(value), true));
        assertEquals("includeSubDomains; max-age=0", HttpsRedirectFilter.hstsValue(Optional.of("includeSubDomains; max-age=0"), false));
    }

    @Test
    void offOrAValueWithoutMaxAgeSendsNone() {
        assertNull(HttpsRedirectFilter.hstsValue(Optional.of("off"), true));
        assertNull(HttpsRedirectFilter.hstsValue(Optional.of("includeSubDomains"), true));
        assertNull(HttpsRedirectFilter.hstsValue(Optional.of("max-age=soon"), false));
    }
}
