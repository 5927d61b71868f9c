package io.runvault.studies;

import java.util.List;
import java.util.Map;

/** Decides, after a trial reports an intermediate value, whether to stop it early. */
public interface Pruner {

    /**
     * A decision, and bookkeeping to merge into the trial's system attributes (whatever the
     * decision; see {@link Trial#withSystemAttributes}).
     */
    record Decision(boolean prune, Map<String, Object> systemAttributes) {

        public Decision {
            systemAttributes = Map.copyOf(systemAttributes);
        }

        static Decision keep() {
            return new Decision(false, Map.of());
        }

        static Decision stop() {
            return new Decision(true, Map.of());
        }
    }

    /**
     * @param trial the running trial, with the value it just reported
     * @param trials the study's trials (the running trial among them or not)
     */
    Decision decide(Trial trial, List<Trial> trials, Direction direction);
}
