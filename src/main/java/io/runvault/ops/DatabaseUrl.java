package io.runvault.ops;

import java.util.Locale;
import java.util.regex.Pattern;

/** A JDBC URL as operators may see it: its kind, and the URL with any password in it masked. */
public record DatabaseUrl(String url) {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    /** h2, postgresql, or the sub-protocol of another driver. */
    public String kind() {
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    /** The URL with the value of a {@code password=} parameter and a {@code user:password@} part replaced by ***. */
    public String redacted() {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
