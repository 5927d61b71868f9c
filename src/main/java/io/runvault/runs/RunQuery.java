package io.runvault.runs;

import io.runvault.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated run search: filters, one sort key, page size and cursor. Syntax:
 * {@code tag=key=value}, {@code param=key=value}, {@code metric=<key><op><number>} with op one of
 * {@code > >= < <= = !=}, {@code sort=time|metric:<key>}, {@code order=desc|asc}.
 */
public record RunQuery(String experiment, List<KeyValue> tags, List<KeyValue> params, List<MetricFilter> metrics,
                       Sort sort, int limit, Cursor after) {

    public static final int MAX_LIMIT = 1000;
    public static final int MAX_FILTERS = 20;
    private static final Pattern METRIC = Pattern.compile("(.+?)(>=|<=|!=|>|<|=)(.+)", Pattern.DOTALL);

    public record KeyValue(String key, String value) {
    }

    public enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("="), NE("<>");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        static Op parse(String text) {
            return switch (text) {
                case ">" -> GT;
                case ">=" -> GE;
                case "<" -> LT;
                case "<=" -> LE;
                case "=" -> EQ;
                default -> NE;
            };
        }
    }

    public record MetricFilter(String key, Op op, double value) {
    }

    /** Sort by createdAt (metric == null) or by one metric; ties broken by id in the same direction. */
    public record Sort(String metric, boolean descending) {

        String token() {
            return (metric == null ? "time" : "metric:" + metric) + (descending ? ":desc" : ":asc");
        }
    }

    /** Where the previous page ended. Opaque to clients; tied to the sort it was made for. */
    public record Cursor(String sortToken, double sortValue, String runId) {

        String encode() {
            String text = sortToken + "\n" + sortValue + "\n" + runId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text, Sort sort) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
                if (parts.length != 3 || !parts[0].equals(sort.token()) || !parts[2].matches("blake2b:[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("cursor of another query");
                }
                double value = Double.parseDouble(parts[1]);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("not finite");
                }
                return new Cursor(parts[0], value, parts[2]);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("bad-cursor",
                        "The cursor is not one this search returned (it must be used with the same sort and order)");
            }
        }
    }

    public static RunQuery parse(String experiment, List<String> tags, List<String> params, List<String> metrics,
                                 String sortText, String order, Integer limit, String cursor) {
        if (tags.size() + params.size() + metrics.size() > MAX_FILTERS) {
            throw new InvalidRequestException("bad-filter", "At most " + MAX_FILTERS + " filters in one search");
        }
        boolean descending = switch (order == null ? "desc" : order) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new InvalidRequestException("bad-filter", "order is 'desc' or 'asc'");
        };
        Sort sort;
        if (sortText == null || sortText.equals("time")) {
            sort = new Sort(null, descending);
        } else if (sortText.startsWith("metric:") && sortText.length() > 7 && sortText.length() <= 7 + ManifestReader.MAX_KEY) {
            sort = new Sort(sortText.substring(7), descending);
        } else {
            throw new InvalidRequestException("bad-filter", "sort is 'time' or 'metric:<name>'");
        }
        int pageSize = limit == null ? 50 : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new InvalidRequestException("bad-filter", "limit is between 1 and " + MAX_LIMIT);
        }
        if (experiment != null && (experiment.isEmpty() || experiment.length() > ManifestReader.MAX_NAME)) {
            throw new InvalidRequestException("bad-filter", "experiment is 1-" + ManifestReader.MAX_NAME + " characters");
        }
        List<MetricFilter> metricFilters = new ArrayList<>();
        for (String text : metrics) {
            Matcher m = METRIC.matcher(text);
            if (!m.matches() || m.group(1).length() > ManifestReader.MAX_KEY) {
                throw new InvalidRequestException("bad-filter",
                        "A metric filter is <name><op><number> with op one of > >= < <= = !=, e.g. val_accuracy>0.9");
            }
            double value;
            try {
                value = Double.parseDouble(m.group(3).trim());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("bad-filter", "Not a number in metric filter: " + shorten(text));
            }
            if (!Double.isFinite(value)) {
                throw new InvalidRequestException("bad-filter", "A metric filter compares with a finite number");
            }
            metricFilters.add(new MetricFilter(m.group(1).trim(), Op.parse(m.group(2)), value));
        }
        Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor, sort);
        return new RunQuery(experiment, keyValues(tags, "tag"), keyValues(params, "param"), metricFilters, sort,
                pageSize, after);
    }

    private static List<KeyValue> keyValues(List<String> texts, String what) {
        List<KeyValue> pairs = new ArrayList<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq > ManifestReader.MAX_KEY || text.length() - eq - 1 > ManifestReader.MAX_VALUE) {
                throw new InvalidRequestException("bad-filter", "A " + what + " filter is <key>=<value>, got: " + shorten(text));
            }
            pairs.add(new KeyValue(text.substring(0, eq), text.substring(eq + 1)));
        }
        return pairs;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
