package io.runvault.training;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;

/**
 * The string names one of the {@link NamedChoice}s of an enum, as {@link NamedChoice#parse} reads it
 * (surrounding blanks and case ignored); null is valid (the default applies).
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneOf.Check.class)
public @interface OneOf {

    /** The enum of the choices. */
    Class<? extends NamedChoice> value();

    String message() default "is not a known choice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a name against the choices; the message lists them. */
    final class Check implements ConstraintValidator<OneOf, String> {

        private NamedChoice[] choices;

        @Override
        public void initialize(OneOf constraint) {
            choices = constraint.value().getEnumConstants();
        }

        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (Arrays.stream(choices).anyMatch(choice -> choice.externalName().equals(key))) {
                return true;
            }
            String known = String.join(", ", Arrays.stream(choices).map(NamedChoice::externalName).sorted().toList());
            context.disableDefaultConstraintViolation();
            // The template language gives {, } and $ meanings; a name is quoted without them.
            String quoted = key.replaceAll("[{}$\\\\]", "?");
            context.buildConstraintViolationWithTemplate("is one of " + known + ", got '" + quoted + "'")
                    .addConstraintViolation();
            return false;
        }
    }
}
