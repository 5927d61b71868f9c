package io.runvault.promotion;

import io.runvault.runs.RunView;
import java.util.Optional;

/** What a gate looks at: the candidate's run, and the current production version's run if any. */
public record GateContext(RunView candidate, Optional<RunView> production) {
}
