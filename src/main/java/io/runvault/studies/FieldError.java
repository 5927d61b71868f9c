package io.runvault.studies;

/** One thing wrong with a study definition: where ({@code learningRate.low}, {@code objective.metric}) and what. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
