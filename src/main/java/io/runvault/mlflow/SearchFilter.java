package io.runvault.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow's search filter: comparisons joined by {@code AND}, such as
 * {@code metrics.accuracy > 0.9 and params.optimizer = 'adam' and tags."team name" LIKE 'vision%'}.
 * Keys are {@code metrics.}, {@code params.}, {@code tags.} or {@code attributes.} names (a bare name
 * is an attribute), plain or quoted with backticks or double quotes; values are numbers, quoted
 * strings, or a parenthesised list of strings for {@code IN} and {@code NOT IN}.
 */
record SearchFilter(List<Clause> clauses) {

    /** What a key names. */
    enum Entity { METRIC, PARAM, TAG, ATTRIBUTE }

    /** One comparison; {@code value} is a Double, a String, or a List of Strings. */
    record Clause(Entity entity, String key, String op, Object value) {
    }

    /** One {@code order_by} term. */
    record Order(Entity entity, String key, boolean ascending) {
    }

    /** Attributes of runs and experiments that are times (epoch milliseconds). */
    static final Set<String> NUMBER_ATTRIBUTES = Set.of("start_time", "end_time", "creation_time", "last_update_time");
    private static final Set<String> NUMBER_OPS = Set.of("=", "!=", ">", ">=", "<", "<=");
    private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<string>'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")|(?<tick>`[^`]*`)|(?<op>!=|>=|<=|=|<|>)"
                    + "|(?<paren>[(),])|(?<number>[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?(?![\\w.]))"
                    + "|(?<word>[A-Za-z_][\\w.]*\\.?))");

    static SearchFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return new SearchFilter(List.of());
        }
        Tokens tokens = new Tokens(tokenize(filter), filter);
        List<Clause> clauses = new ArrayList<>();
        do {
            Key key = tokens.key();
            String op = tokens.operator();
            Object value = tokens.value();
            clauses.add(checked(key, op, value, filter));
        } while (tokens.and());
        return new SearchFilter(List.copyOf(clauses));
    }

    static List<Order> orderBy(List<String> terms) {
        List<Order> orders = new ArrayList<>();
        for (String term : terms) {
            Tokens tokens = new Tokens(tokenize(term), term);
            Key key = tokens.key();
            boolean ascending = true;
            if (tokens.hasMore()) {
                String direction = tokens.next().text().toUpperCase(Locale.ROOT);
                if (!direction.equals("ASC") && !direction.equals("DESC") || tokens.hasMore()) {
                    throw MlflowException.invalid("Invalid order_by clause '" + term + "': expected a key, then ASC or DESC");
                }
                ascending = direction.equals("ASC");
            }
            orders.add(new Order(key.entity(), key.name(), ascending));
        }
        return orders;
    }

    /** Whether a text value satisfies a string comparison, as the SQL search would decide it (for lists kept in memory). */
    static boolean matches(Clause clause, String value) {
        if (value == null) {
            return false;
        }
        Object wanted = clause.value();
        return switch (clause.op()) {
            case "=" -> value.equals(wanted);
            case "!=" -> !value.equals(wanted);
            case "LIKE" -> value.matches(likeRegex((String) wanted));
            case "ILIKE" -> value.toLowerCase(Locale.ROOT).matches(likeRegex(((String) wanted).toLowerCase(Locale.ROOT)));
            case "IN" -> ((List<?>) wanted).contains(value);
            case "NOT IN" -> !((List<?>) wanted).contains(value);
            default -> throw MlflowException.invalid("'" + clause.key() + "' is compared as text, not with " + clause.op());
        };
    }

    private static String likeRegex(String pattern) {
        StringBuilder regex = new StringBuilder("(?s)");
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }

    private record Key(Entity entity, String name) {
    }

    private record Token(String kind, String text) {
    }

    private static Clause checked(Key key, String op, Object value, String filter) {
        boolean numeric = key.entity() == Entity.METRIC
                || key.entity() == Entity.ATTRIBUTE && NUMBER_ATTRIBUTES.contains(key.name());
        if (numeric) {
            if (!NUMBER_OPS.contains(op) || !(value instanceof Double)) {
                throw MlflowException.invalid("Invalid filter '" + filter + "': " + key.name()
                        + " is compared with =, !=, <, <=, > or >= and a number");
            }
        } else if (!STRING_OPS.contains(op) || value instanceof Double
                || (op.endsWith("IN") != (value instanceof List<?>))) {
            throw MlflowException.invalid("Invalid filter '" + filter + "': " + key.name()
                    + " is compared with =, !=, LIKE, ILIKE and a quoted string, or IN and a list of strings");
        }
        return new Clause(key.entity(), key.name(), op, value);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (text.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw MlflowException.invalid("Invalid search expression '" + text + "' at position " + at);
            }
            for (String kind : List.of("string", "tick", "op", "paren", "number", "word")) {
                if (matcher.group(kind) != null) {
                    tokens.add(new Token(kind, matcher.group(kind)));
                }
            }
            at = matcher.end();
        }
        return tokens;
    }

    private static String unquote(Token token) {
        String inner = token.text().substring(1, token.text().length() - 1);
        return switch (token.text().charAt(0)) {
            case '\'' -> inner.replace("''", "'");
            case '"' -> inner.replace("\"\"", "\"");
            default -> inner;
        };
    }

    /** A cursor over the tokens of one expression. */
    private static final class Tokens {
        private final List<Token> tokens;
        private final String source;
        private int next;

        Tokens(List<Token> tokens, String source) {
            this.tokens = tokens;
            this.source = source;
        }

        boolean hasMore() {
            return next < tokens.size();
        }

        Token next() {
            if (!hasMore()) {
                throw MlflowException.invalid("Invalid search expression '" + source + "': it ends too early");
            }
            return tokens.get(next++);
        }

        Key key() {
            Token first = next();
            if (!first.kind().equals("word")) {
                throw MlflowException.invalid("Invalid search expression '" + source + "': expected a key, got " + first.text());
            }
            String word = first.text();
            int dot = word.indexOf('.');
            String prefix = dot < 0 ? "attributes" : word.substring(0, dot).toLowerCase(Locale.ROOT);
            String name = dot < 0 ? word : word.substring(dot + 1);
            if (name.isEmpty()) {
                Token quoted = next();
                if (!quoted.kind().equals("string") && !quoted.kind().equals("tick")) {
                    throw MlflowException.invalid("Invalid search expression '" + source + "': expected a key after " + word);
                }
                name = unquote(quoted);
            }
            Entity entity = switch (prefix) {
                case "metric", "metrics" -> Entity.METRIC;
                case "param", "params", "parameter", "parameters" -> Entity.PARAM;
                case "tag", "tags" -> Entity.TAG;
                case "attribute", "attributes", "attr", "run" -> Entity.ATTRIBUTE;
                default -> throw MlflowException.invalid("Invalid search expression '" + source + "': '" + prefix
                        + "' is not metrics, params, tags or attributes");
            };
            return new Key(entity, name);
        }

        String operator() {
            Token token = next();
            if (token.kind().equals("op")) {
                return token.text();
            }
            String word = token.text().toUpperCase(Locale.ROOT);
            if (word.equals("NOT") && hasMore() && next().text().equalsIgnoreCase("IN")) {
                return "NOT IN";
            }
            if (word.equals("LIKE") || word.equals("ILIKE") || word.equals("IN")) {
                return word;
            }
            throw MlflowException.invalid("Invalid search expression '" + source + "': '" + token.text()
                    + "' is not a comparison");
        }

        Object value() {
            Token token = next();
            switch (token.kind()) {
                case "number":
                    return Double.parseDouble(token.text());
                case "string":
                    return unquote(token);
                case "paren":
                    if (token.text().equals("(")) {
                        List<String> values = new ArrayList<>();
                        do {
                            Token item = next();
                            if (!item.kind().equals("string")) {
                                throw MlflowException.invalid("Invalid search expression '" + source
                                        + "': a list holds quoted strings");
                            }
                            values.add(unquote(item));
                            item = next();
                            if (item.text().equals(")")) {
                                return List.copyOf(values);
                            }
                            if (!item.text().equals(",")) {
                                throw MlflowException.invalid("Invalid search expression '" + source + "': expected , or )");
                            }
                        } while (true);
                    }
                    break;
                default:
                    break;
            }
            throw MlflowException.invalid("Invalid search expression '" + source + "': expected a value, got " + token.text());
        }

        boolean and() {
            if (!hasMore()) {
                return false;
            }
            Token token = next();
            if (!token.text().equalsIgnoreCase("AND")) {
                throw MlflowException.invalid("Invalid search expression '" + source + "': comparisons are joined with AND, got '"
                        + token.text() + "'");
            }
            return true;
        }
    }
}
