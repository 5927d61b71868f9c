package io.runvault.studies;

/** Whether a study looks for the largest or the smallest objective value. */
public enum Direction {
    MAXIMIZE,
    MINIMIZE;

    /** Sign that turns a value of this direction into a loss (smaller is better). */
    double lossSign() {
        return this == MINIMIZE ? 1 : -1;
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }
}
