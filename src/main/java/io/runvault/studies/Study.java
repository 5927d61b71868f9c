package io.runvault.studies;

import java.util.List;
import java.util.Optional;

/** A named study: its objective and its trials, ordered by number. */
public record Study(String name, Objective objective, List<Trial> trials) {

    public Study {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a study needs a name");
        }
        trials = List.copyOf(trials);
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i).number() != i) {
                throw new IllegalArgumentException("trial numbers must be 0, 1, 2, ...; position " + i
                        + " holds trial " + trials.get(i).number());
            }
        }
    }

    public Direction direction() {
        return objective.direction();
    }

    /** The best COMPLETE trial (the first one on ties, as Optuna picks), if any. */
    public Optional<Trial> best() {
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() == TrialState.COMPLETE && !t.value().isNaN()
                    && (best == null || direction().better(t.value(), best.value()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }
}
