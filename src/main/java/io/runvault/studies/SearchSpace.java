package io.runvault.studies;

import io.runvault.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hyperparameters a study varies, in a fixed order, each with its distribution. Written by users
 * as JSON, one entry per training spec field:
 *
 * <pre>
 * {"learningRate": {"type": "float", "low": 1e-5, "high": 1e-1, "log": true},
 *  "batchSize":    {"type": "int", "low": 16, "high": 128, "step": 16},
 *  "optimizer":    {"type": "categorical", "choices": ["adam", "sgd"]}}
 * </pre>
 */
public record SearchSpace(Map<String, Distribution> params) {

    private static final Set<String> FLOAT_KEYS = Set.of("type", "low", "high", "log", "step");
    private static final Set<String> CATEGORICAL_KEYS = Set.of("type", "choices");

    public SearchSpace {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public List<String> names() {
        return List.copyOf(params.keySet());
    }

    public Distribution get(String name) {
        return params.get(name);
    }

    /** Reads a JSON document; see {@link #parse(Map, Set)}. */
    public static SearchSpace parse(String json, Set<String> allowedFields) {
        Object tree;
        try {
            tree = Json.MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new StudySpecException(List.of(new FieldError("searchSpace",
                    "not valid JSON: " + e.getOriginalMessage())));
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new StudySpecException(List.of(new FieldError("searchSpace", "must be a JSON object")));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) map;
        return parse(m, allowedFields);
    }

    /**
     * Validates a parsed JSON object (as Jackson or JSON-B give it: maps, lists, numbers, strings) and
     * reports every problem at once, each under its field path: names that are not in
     * {@code allowedFields} (the training spec's tunable fields), unknown distribution types, empty or
     * inverted ranges, log ranges that reach 0 or below, bad steps, empty or repeated choices.
     */
    public static SearchSpace parse(Map<String, ?> json, Set<String> allowedFields) {
        List<FieldError> errors = new ArrayList<>();
        if (json == null || json.isEmpty()) {
            throw new StudySpecException(List.of(new FieldError("searchSpace", "needs at least one parameter")));
        }
        Map<String, Distribution> params = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : json.entrySet()) {
            String name = e.getKey();
            int before = errors.size();
            if (!allowedFields.contains(name)) {
                errors.add(new FieldError(name, "unknown training field (tunable: " + new TreeSet<>(allowedFields) + ")"));
            }
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                errors.add(new FieldError(name, "must be an object with a type"));
                continue;
            }
            Distribution d = parseOne(name, spec, errors);
            if (d != null && errors.size() == before) {
                params.put(name, d);
            }
        }
        if (!errors.isEmpty()) {
            throw new StudySpecException(errors);
        }
        return new SearchSpace(params);
    }

    private static Distribution parseOne(String name, Map<?, ?> spec, List<FieldError> errors) {
        Object type = spec.get("type");
        if (!(type instanceof String t)) {
            errors.add(new FieldError(name + ".type", "is required: float, int or categorical"));
            return null;
        }
        return switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "float" -> parseFloat(name, spec, errors);
            case "int" -> parseInt(name, spec, errors);
            case "categorical" -> parseCategorical(name, spec, errors);
            default -> {
                errors.add(new FieldError(name + ".type",
                        "unknown distribution '" + t + "' (float, int or categorical)"));
                yield null;
            }
        };
    }

    private static void unknownKeys(String name, Map<?, ?> spec, Set<String> known, List<FieldError> errors) {
        for (Object key : spec.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                errors.add(new FieldError(name + "." + key, "unknown field (expected " + new TreeSet<>(known) + ")"));
            }
        }
    }

    private static Double number(String field, Object v, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            errors.add(new FieldError(field, "must be a finite number, got " + v));
            return null;
        }
        return n.doubleValue();
    }

    private static boolean flag(String field, Object v, List<FieldError> errors) {
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            errors.add(new FieldError(field, "must be true or false, got " + v));
            return false;
        }
        return b;
    }

    private static Distribution parseFloat(String name, Map<?, ?> spec, List<FieldError> errors) {
        unknownKeys(name, spec, FLOAT_KEYS, errors);
        int before = errors.size();
        Double low = number(name + ".low", spec.get("low"), errors);
        Double high = number(name + ".high", spec.get("high"), errors);
        boolean log = flag(name + ".log", spec.get("log"), errors);
        Double step = spec.get("step") == null ? null : number(name + ".step", spec.get("step"), errors);
        if (errors.size() > before) {
            return null;
        }
        if (!(low < high)) {
            errors.add(new FieldError(name, "empty range: low (" + low + ") must be below high (" + high + ")"));
        }
        if (log && low <= 0) {
            errors.add(new FieldError(name + ".low", "a log range needs low > 0, got " + low));
        }
        if (step != null) {
            if (log) {
                errors.add(new FieldError(name + ".step", "cannot be combined with log"));
            } else if (!(step > 0)) {
                errors.add(new FieldError(name + ".step", "must be > 0, got " + step));
            } else if (low < high && step > high - low) {
                errors.add(new FieldError(name + ".step", "is larger than the range " + (high - low)));
            }
        }
        return errors.size() > before ? null : new FloatDistribution(low, high, log, step);
    }

    private static Distribution parseInt(String name, Map<?, ?> spec, List<FieldError> errors) {
        unknownKeys(name, spec, FLOAT_KEYS, errors);
        int before = errors.size();
        Long low = integer(name + ".low", spec.get("low"), true, errors);
        Long high = integer(name + ".high", spec.get("high"), true, errors);
        boolean log = flag(name + ".log", spec.get("log"), errors);
        Long step = integer(name + ".step", spec.get("step"), false, errors);
        if (errors.size() > before) {
            return null;
        }
        long s = step == null ? 1 : step;
        if (low >= high) {
            errors.add(new FieldError(name, "empty range: low (" + low + ") must be below high (" + high + ")"));
        }
        if (log && low <= 0) {
            errors.add(new FieldError(name + ".low", "a log range needs low >= 1, got " + low));
        }
        if (s < 1) {
            errors.add(new FieldError(name + ".step", "must be >= 1, got " + s));
        } else if (log && s != 1) {
            errors.add(new FieldError(name + ".step", "must be 1 (or absent) with log"));
        } else if (low < high && s > high - low) {
            errors.add(new FieldError(name + ".step", "is larger than the range " + (high - low)));
        }
        return errors.size() > before ? null : new IntDistribution(low, high, log, s);
    }

    private static Long integer(String field, Object v, boolean required, List<FieldError> errors) {
        if (v == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > 1e15) {
            errors.add(new FieldError(field, "must be an integer, got " + v));
            return null;
        }
        return n.longValue();
    }

    private static Distribution parseCategorical(String name, Map<?, ?> spec, List<FieldError> errors) {
        unknownKeys(name, spec, CATEGORICAL_KEYS, errors);
        int before = errors.size();
        Object choices = spec.get("choices");
        if (!(choices instanceof List<?> list)) {
            errors.add(new FieldError(name + ".choices", "is required: a list of choices"));
            return null;
        }
        if (list.isEmpty()) {
            errors.add(new FieldError(name + ".choices", "is empty"));
            return null;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object c = list.get(i);
            if (c != null && !(c instanceof String) && !(c instanceof Number) && !(c instanceof Boolean)) {
                errors.add(new FieldError(name + ".choices[" + i + "]", "must be a string, number, boolean or null"));
            } else if (!seen.add(c instanceof Number n ? (Object) n.doubleValue() : c)) {
                errors.add(new FieldError(name + ".choices[" + i + "]", "repeats " + c));
            }
        }
        return errors.size() > before ? null : new CategoricalDistribution(new ArrayList<>(list));
    }
}
