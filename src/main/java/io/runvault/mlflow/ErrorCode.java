package io.runvault.mlflow;

/** MLflow's error codes with the HTTP status its server answers them with. */
public enum ErrorCode {
    INVALID_PARAMETER_VALUE(400),
    RESOURCE_ALREADY_EXISTS(400),
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    PERMISSION_DENIED(403),
    RESOURCE_DOES_NOT_EXIST(404),
    ENDPOINT_NOT_FOUND(404),
    /** A request the current state refuses, such as a promotion whose gates fail (422, as the native API answers it). */
    INVALID_STATE(422),
    REQUEST_LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code an MLflow client expects for a refusal of {@code status} made elsewhere in the appliance
     * (a 404 there is a missing model or version: unknown endpoints never reach the MLflow filter).
     */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> RESOURCE_DOES_NOT_EXIST;
            case 409, 422 -> INVALID_STATE;
            case 429 -> REQUEST_LIMIT_EXCEEDED;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_PARAMETER_VALUE;
        };
    }
}
