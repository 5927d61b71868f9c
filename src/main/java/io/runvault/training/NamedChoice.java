package io.runvault.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A closed set of choices that users write in configs and job specs by a lower-case name
 * ({@code minicnn}, {@code val_auc}); {@link #toString()} of every constant gives that name.
 * The name is the constant's own name in lower case, so renaming a constant renames the choice
 * users write (TrainingSpecTest pins the names).
 */
public interface NamedChoice {

    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The name as written in job specs, config snapshots and run params. */
    default String externalName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} called {@code name} (surrounding blanks and case ignored).
     *
     * @throws IllegalArgumentException naming {@code field} and the known names when there is none
     */
    static <E extends Enum<E> & NamedChoice> E parse(Class<E> type, String field, String name) {
        String key = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        for (E choice : type.getEnumConstants()) {
            if (choice.externalName().equals(key)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown " + field + " '" + key + "'; expected one of " + names(type));
    }

    /** The external names of {@code type}'s constants, sorted. */
    static <E extends Enum<E> & NamedChoice> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(NamedChoice::externalName).sorted().toList();
    }
}
