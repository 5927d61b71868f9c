package io.runvault.studies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One of a list of choices: strings, numbers, booleans or null (what Optuna allows). The internal
 * value is the choice's index.
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("a categorical distribution needs at least one choice");
        }
        for (Object c : choices) {
            if (c != null && !(c instanceof String) && !(c instanceof Number) && !(c instanceof Boolean)) {
                throw new IllegalArgumentException("choices must be strings, numbers, booleans or null, got " + c);
            }
        }
        choices = Collections.unmodifiableList(new ArrayList<>(choices));
    }

    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(java.util.Arrays.asList(choices));
    }

    @Override
    public double toInternal(Object external) {
        int i = indexOf(external);
        if (i < 0) {
            throw new IllegalArgumentException(external + " is not one of " + choices);
        }
        return i;
    }

    @Override
    public Object toExternal(double internal) {
        return choices.get((int) internal);
    }

    @Override
    public boolean contains(Object external) {
        return indexOf(external) >= 0;
    }

    private int indexOf(Object external) {
        for (int i = 0; i < choices.size(); i++) {
            Object c = choices.get(i);
            if (Objects.equals(c, external)
                    || (c instanceof Number a && external instanceof Number b && a.doubleValue() == b.doubleValue())) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Map<String, Object> toOptunaJson() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("choices", choices);
        return Map.of("name", "CategoricalDistribution", "attributes", attributes);
    }
}
