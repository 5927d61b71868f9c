package io.runvault.audit;

import java.util.List;

/**
 * A feature whose stored changes each have an audit event, committed with the change. Verify asks
 * every implementation for its targets and reports those without an event of {@link #action()}.
 */
public interface AuditedChanges {

    /** The action of the event every change has, e.g. {@code run.commit}. */
    String action();

    /** The targets (as the events name them) of the stored changes, in a stable order, a page at a time. */
    List<String> targets(int first, int max);
}
