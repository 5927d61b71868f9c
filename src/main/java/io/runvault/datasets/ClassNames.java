package io.runvault.datasets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The rules for class names, and the names of classes known only by their numbers. */
final class ClassNames {

    static final int MAX_CLASSES = 10_000;
    static final int MAX_NAME_LENGTH = 200;

    private ClassNames() {
    }

    /** Why these names cannot name classes, or null: 1..10,000 distinct, non-blank names of at most 200 characters. */
    static String problem(List<String> names) {
        if (names.isEmpty() || names.size() > MAX_CLASSES) {
            return "a dataset has 1 to " + MAX_CLASSES + " classes, got " + names.size();
        }
        if (new HashSet<>(names).size() != names.size()) {
            return "class names must be distinct: " + names;
        }
        for (String name : names) {
            if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
                return "a class name has 1 to " + MAX_NAME_LENGTH + " printable characters, got '" + name + "'";
            }
        }
        return null;
    }

    /**
     * The given names, or "0".."maxLabel" when none were given. Labels must then be below the number
     * of names (checked by the caller).
     */
    static List<String> forLabels(List<String> given, long maxLabel) throws DatasetFormatException {
        if (!given.isEmpty()) {
            String problem = problem(given);
            if (problem != null) {
                throw new DatasetFormatException(problem);
            }
            return given;
        }
        if (maxLabel < 0) {
            throw new DatasetFormatException("no labels");
        }
        if (maxLabel >= MAX_CLASSES) {
            throw new DatasetFormatException("label " + maxLabel + " implies more than " + MAX_CLASSES
                    + " classes; name the classes to register such a dataset");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= maxLabel; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
