package io.runvault.jobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runvault.json.Json;
import io.runvault.problem.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a job request body to the kind's request record, strictly, and reports every problem at once.
 * A body is refused with one 400 {@code bad-job-spec} problem whose {@code errors} list every reason,
 * found in three passes:
 * <ol>
 * <li>members: unknown members (with the known ones), wrong JSON types ({@code epochs is an integer}),
 *     integers out of range, nested records ({@code augmentation}) and maps/arrays of them alike;</li>
 * <li>the record's Bean Validation constraints ({@code @Min}, {@code @Pattern}, ...; nested records
 *     need {@code @Valid}), reported as {@code <member> <message>};</li>
 * <li>the kind's {@link Checks} (the dataset exists, the batch fits the data, ...). They run even
 *     when the first two passes found problems, so one answer lists every reason: a member refused
 *     in the first pass is absent from the record (its default applies), and a check can look at the
 *     reasons already in {@code errors} to skip what they cover.</li>
 * </ol>
 * The JSON stays flat when records compose: a component annotated {@link JsonUnwrapped} contributes
 * its members to its parent's. A list component annotated
 * {@code @JsonFormat(with = ACCEPT_SINGLE_VALUE_AS_ARRAY)} also takes a single value. JSON null
 * members count as absent; a required member refused in the first pass is reported once, not also
 * as missing. Bodies over {@link #MAX_CHARS} and
 * empty bodies are {@code bad-job-spec}; text that is not a JSON object is {@code malformed-json}.
 * <p>A bound record is stored as {@link #canonical} JSON and read back with {@link #read}, which does
 * not check again.
 */
public final class RequestBinder {

    /** The largest request body accepted, in characters. */
    public static final int MAX_CHARS = 64 * 1024;

    /**
     * A kind's checks across members or against the registry; adds a reason per problem to
     * {@code errors}, which already holds the reasons of the member and constraint passes.
     */
    @FunctionalInterface
    public interface Checks<T> {
        void check(T request, List<String> errors);
    }

    private final Validator validator;

    /** A binder checking constraints with {@code validator} (inject {@code jakarta.validation.Validator}). */
    public RequestBinder(Validator validator) {
        this.validator = validator;
    }

    /** Binds {@code body} to {@code type} with no checks besides its members and constraints. */
    public <T extends Record> T bind(String body, Class<T> type) {
        return bind(body, type, (request, errors) -> {
        });
    }

    /** Binds {@code body} to {@code type}; throws the 400 with every reason when anything is wrong. */
    public <T extends Record> T bind(String body, Class<T> type, Checks<? super T> checks) {
        ObjectNode json = parse(body);
        List<String> errors = new ArrayList<>();
        checkMembers(json, type, "", errors);
        T request = null;
        try {
            request = Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Members were checked above; what is left is a rule of the record's own constructor.
            errors.add(reason(e));
        }
        if (request != null) {
            for (ConstraintViolation<T> violation : sorted(validator.validate(request))) {
                String member = memberName(type, violation.getPropertyPath());
                if (!(isNotNull(violation) && errors.stream().anyMatch(e -> e.startsWith(member + " ")))) {
                    errors.add(member + " " + violation.getMessage());
                }
            }
            checks.check(request, errors);
        }
        if (!errors.isEmpty()) {
            List<String> distinct = List.copyOf(new LinkedHashSet<>(errors));
            throw new InvalidRequestException("bad-job-spec", "The job spec is not valid: " + String.join("; ", distinct),
                    Map.of("errors", distinct));
        }
        return request;
    }

    /**
     * {@code json} as a {@code type} after the member pass alone, without constraints or checks: for
     * values the application derives from a bound request (a tuning trial's configuration). Adds a
     * reason per problem to {@code errors} and answers null when there is one.
     */
    public static <T extends Record> T convert(ObjectNode json, Class<T> type, List<String> errors) {
        int before = errors.size();
        ObjectNode copy = json.deepCopy();
        dropNulls(copy);
        checkMembers(copy, type, "", errors);
        if (errors.size() > before) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(copy, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(reason(e));
            return null;
        }
    }

    /** The JSON a bound record is stored as (every member, defaults filled in). */
    public static String canonical(Record request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request record is not writable as JSON", e);
        }
    }

    /** Reads back a record stored with {@link #canonical}; no checks (it passed them when it was bound). */
    public static <T> T read(String canonical, Class<T> type) {
        try {
            return Json.MAPPER.readValue(canonical, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    /** The JSON members of {@code type}, unwrapped components' members included, in declaration order. */
    public static List<String> members(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (unwrapped(component)) {
                names.addAll(members(component.getType()));
            } else {
                names.add(component.getName());
            }
        }
        return names;
    }

    /** The body as a JSON object without null members. */
    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("bad-job-spec", "The body is a job spec (JSON object)");
        }
        if (body.length() > MAX_CHARS) {
            throw new InvalidRequestException("bad-job-spec", "A job spec has at most " + MAX_CHARS + " characters");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("malformed-json", "The job spec is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidRequestException("malformed-json", "The job spec is not a JSON object");
        }
        dropNulls(object);
        return object;
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(member -> member.getValue().isNull());
            object.forEach(RequestBinder::dropNulls);
        } else if (node instanceof ArrayNode array) {
            array.forEach(RequestBinder::dropNulls);
        }
    }

    /**
     * Checks the members of {@code json} against the record {@code type}, adding a reason for each
     * problem and removing the offending member, so the rest can still be bound and validated.
     */
    private static void checkMembers(ObjectNode json, Class<?> type, String path, List<String> errors) {
        Map<String, RecordComponent> components = new java.util.LinkedHashMap<>();
        collectComponents(type, components);
        Set<String> unknown = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            RecordComponent component = components.get(member.getKey());
            if (component != null && singleValueAsArray(component) && !member.getValue().isArray()) {
                member.setValue(json.arrayNode().add(member.getValue()));
            }
            if (component == null) {
                unknown.add(member.getKey());
                it.remove();
            } else if (!checkValue(member.getValue(), component.getGenericType(), path + member.getKey(), errors)) {
                it.remove();
            }
        }
        if (!unknown.isEmpty()) {
            String where = path.isEmpty() ? "" : path.substring(0, path.length() - 1) + ": ";
            errors.add(where + "unknown members " + unknown + " (known: " + new TreeSet<>(components.keySet()) + ")");
        }
    }

    private static void collectComponents(Class<?> type, Map<String, RecordComponent> into) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (unwrapped(component)) {
                collectComponents(component.getType(), into);
            } else {
                into.put(component.getName(), component);
            }
        }
    }

    /** Whether {@code value} fits {@code type}; if not, the reason is added to {@code errors}. */
    private static boolean checkValue(JsonNode value, Type type, String name, List<String> errors) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return expect(value.isTextual(), name + " is a string", errors);
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (!value.isIntegralNumber()) {
                return expect(false, name + " is an integer", errors);
            }
            boolean fits = raw == Long.class || raw == long.class ? value.canConvertToLong() : value.canConvertToInt();
            return expect(fits, name + " is out of range", errors);
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return expect(value.isNumber(), name + " is a number", errors);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return expect(value.isBoolean(), name + " is true or false", errors);
        }
        if (raw.isRecord()) {
            if (!(value instanceof ObjectNode object)) {
                return expect(false, name + " is an object (" + String.join(", ", members(raw)) + ")", errors);
            }
            int before = errors.size();
            checkMembers(object, raw, name + ".", errors);
            return errors.size() == before;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type values = typeArgument(type, 1);
            boolean strings = rawClass(values) == String.class;
            if (!(value instanceof ObjectNode object)) {
                return expect(false, name + (strings ? " is an object of strings" : " is an object"), errors);
            }
            boolean ok = true;
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                ok &= checkValue(entry.getValue(), values, name + "." + entry.getKey(), errors);
            }
            return ok;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type elements = typeArgument(type, 0);
            Class<?> element = rawClass(elements);
            String what = element == String.class ? " is an array of strings"
                    : element == Integer.class || element == Long.class ? " is an array of integers" : " is an array";
            if (!(value instanceof ArrayNode array)) {
                return expect(false, name + what, errors);
            }
            List<String> elementErrors = new ArrayList<>();
            array.forEach(item -> checkValue(item, elements, name, elementErrors));
            return expect(elementErrors.isEmpty(), name + what, errors);
        }
        // Object, JsonNode and other open types take any JSON value.
        return true;
    }

    private static boolean expect(boolean holds, String reason, List<String> errors) {
        if (!holds) {
            errors.add(reason);
        }
        return holds;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    /** The violation's member as the client wrote it: unwrapped components leave no trace in the name. */
    private static String memberName(Class<?> root, Path path) {
        StringBuilder name = new StringBuilder();
        Class<?> current = root;
        for (Path.Node node : path) {
            String part = node.getName();
            if (node.getKey() != null && name.length() > 0) {
                name.append('.').append(node.getKey());
            }
            if (part == null || part.startsWith("<")) {
                continue;
            }
            RecordComponent component = current == null || !current.isRecord() ? null : component(current, part);
            if (component != null && unwrapped(component)) {
                current = component.getType();
                continue;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(part);
            current = component == null ? null : component.getType();
        }
        return name.toString();
    }

    /** Whether a component's members are its parent's ({@code @JsonUnwrapped} lands on the field, not the component). */
    private static boolean unwrapped(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName())
                    .isAnnotationPresent(JsonUnwrapped.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** Whether a list component also takes a single value, as Jackson binds it. */
    private static boolean singleValueAsArray(RecordComponent component) {
        JsonFormat format = component.getAccessor().getAnnotation(JsonFormat.class);
        return format != null && List.of(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    private static boolean isNotNull(ConstraintViolation<?> violation) {
        return violation.getConstraintDescriptor().getAnnotation() instanceof NotNull;
    }

    private static RecordComponent component(Class<?> type, String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static <T> List<ConstraintViolation<T>> sorted(Set<ConstraintViolation<T>> violations) {
        List<ConstraintViolation<T>> list = new ArrayList<>(violations);
        list.sort(java.util.Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                .thenComparing(ConstraintViolation::getMessage));
        return list;
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    }
}
