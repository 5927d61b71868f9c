package io.runvault.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** A console session begun over HTTPS has a cookie that a browser never sends over plain HTTP. */
class SecureCookieIT {

    private static final RunvaultServer SERVER = SharedServer.get();

    private static List<String> sessionCookies(String baseUrl, Users.Login who) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/console/session").toURL().openConnection();
        if (connection instanceof HttpsURLConnection https) {
            // The appliance's certificate is self-signed: this client trusts it blindly, for this test only.
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            https.setSSLSocketFactory(trustAll.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream body = connection.getOutputStream()) {
            body.write(("{\"username\":\"" + who.username() + "\",\"password\":\"" + who.password() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, connection.getResponseCode());
        List<String> cookies = connection.getHeaderFields().entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> c.startsWith("RUNVAULT_SESSION="))
                .toList();
        connection.disconnect();
        assertFalse(cookies.isEmpty(), "a session cookie is set");
        return cookies;
    }

    private static boolean secure(String cookie) {
        return List.of(cookie.toLowerCase(Locale.ROOT).split(";")).stream().map(String::trim).anyMatch("secure"::equals);
    }

    @Test
    void theSessionCookieIsSecureOverHttps() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        List<String> cookies = sessionCookies(SERVER.httpsUrl(), person);
        assertTrue(cookies.stream().allMatch(SecureCookieIT::secure), cookies.toString());
        assertTrue(cookies.stream().allMatch(c -> c.toLowerCase(Locale.ROOT).contains("httponly")), cookies.toString());
    }

    @Test
    void overPlainHttpTheConsoleStillGetsACookieItCanSendBack() throws Exception {
        Users.Login person = Users.create(SERVER, "viewer");
        List<String> cookies = sessionCookies(SERVER.baseUrl(), person);
        assertTrue(cookies.stream().noneMatch(SecureCookieIT::secure), cookies.toString());
    }
}
