package io.runvault.mlflow;

/** MLflow's limits on keys and values, checked before anything is stored. */
final class Limits {

    static final int MAX_KEY = 250;
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_TAG_VALUE = 8000;
    /** Experiment, model and version tags and descriptions (MLflow's limit for those). */
    static final int MAX_REGISTRY_VALUE = 5000;

    private Limits() {
    }

    static void key(String key) {
        if (key == null || key.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter 'key'");
        }
        if (key.length() > MAX_KEY) {
            throw MlflowException.invalid("Key '" + key.substring(0, 40) + "...' is longer than " + MAX_KEY + " characters");
        }
        // Keys become names in the committed run and paths of its files: no traversal, no control characters.
        if (key.startsWith("/") || key.contains("..") || key.codePoints().anyMatch(Character::isISOControl)) {
            throw MlflowException.invalid("Invalid key '" + key + "': no leading '/', no '..', no control characters");
        }
    }

    static void value(String what, String key, String value, int max) {
        if (value == null) {
            throw MlflowException.invalid("Missing value for " + what + " '" + key + "'");
        }
        if (value.length() > max) {
            throw MlflowException.invalid("The value of " + what + " '" + key + "' is longer than " + max + " characters");
        }
    }
}
