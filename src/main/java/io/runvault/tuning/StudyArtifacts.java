package io.runvault.tuning;

import io.runvault.studies.SearchSpace;
import io.runvault.studies.Study;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a finished study's files into the study run's folder (figures, reports, the Optuna
 * database), with paths relative to {@code runDir}. The tuning job commits whatever it finds there.
 */
public interface StudyArtifacts {

    void write(Path runDir, Study study, SearchSpace space, long seed) throws IOException;
}
