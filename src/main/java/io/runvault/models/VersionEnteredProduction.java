package io.runvault.models;

/**
 * A version entered production (fired inside the move's transaction; observers that act on it
 * observe after success, so a move that rolls back announces nothing).
 *
 * @param actor who approved it
 */
public record VersionEnteredProduction(String model, int version, String actor) {
}
