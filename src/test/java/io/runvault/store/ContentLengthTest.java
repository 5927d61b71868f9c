package io.runvault.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.runvault.problem.InvalidRequestException;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ContentLengthTest {

    @Test
    void noHeaderDeclaresNoLength() {
        assertEquals(-1, ContentLength.declared(headers(null)));
        assertEquals(-1, ContentLength.declared(headers(" ")));
    }

    @Test
    void theHeaderIsReadAsANumberOfBytes() {
        assertEquals(10_737_418_241L, ContentLength.declared(headers(" 10737418241 ")));
    }

    @Test
    void theSameLengthListedTwiceIsThatLength() {
        // Liberty hands an HTTP/2 request's length to the application this way.
        assertEquals(39, ContentLength.declared(headers("39, 39")));
    }

    @Test
    void differentLengthsAreABadRequest() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ContentLength.declared(headers("39, 40")));
        assertEquals("bad-content-length", e.type());
    }

    @Test
    void aHeaderThatIsNoNumberIsABadRequest() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> ContentLength.declared(headers("12k")));
        assertEquals("bad-content-length", e.type());
    }

    private static HttpHeaders headers(String contentLength) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString") && HttpHeaders.CONTENT_LENGTH.equals(args[0])) {
                        return contentLength;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
