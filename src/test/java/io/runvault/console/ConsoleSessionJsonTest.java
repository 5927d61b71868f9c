package io.runvault.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The console's login body and session answer, as the console's script reads and sends them. */
class ConsoleSessionJsonTest {

    static final String SESSION = "{\"user\":\"al\u00e9 \\\"x\\\"\",\"roles\":[\"admin\",\"auditor\",\"operator\"],\"csrfToken\":\""
            + "tok\\\\en/\\u0001\",\"timeoutSeconds\":1800}";

    @Test
    void theSessionAnswerKeepsItsText() {
        assertEquals(SESSION, ConsoleSessionServlet.sessionBody("al\u00e9 \"x\"", Set.of("operator", "admin", "auditor"),
                "tok\\en/\u0001", 1800));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "'{\"username\":\"a\",\"password\":\"b\"}'|a|b",
            "'{\"password\":\"b\",\"username\":\"\u00e9\\u00e9\",\"extra\":[1]}'|\u00e9\u00e9|b",
            "'{\"username\":\"a\",\"username\":\"c\",\"password\":\"b\"}'|c|b",
            "'{\"username\":1,\"password\":\"b\"}'|NULL|b",
            "'{\"username\":null,\"password\":true}'|NULL|NULL",
            "'{\"username\":\"a\"}'|a|NULL",
            "'{\"username\":\"a\",\"password\":\"b\"} trailing'|a|b",
            "'[\"a\",\"b\"]'|NULL|NULL",
            "'\"a\"'|NULL|NULL",
            "''|NULL|NULL",
            "'{\"username\":\"a\",'|NULL|NULL",
            "'{username:\"a\",\"password\":\"b\"}'|NULL|NULL"})
    void credentialsAreTheStringMembersOfTheBody(String body, String username, String password) {
        ConsoleSessionServlet.Credentials read = ConsoleSessionServlet.Credentials.of(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(username, read.username(), body);
        assertEquals(password, read.password(), body);
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotRefused() {
        byte[] body = "{\"username\":\"a\u00ff\",\"password\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("a\ufffd", ConsoleSessionServlet.Credentials.of(body).username());
    }
}
