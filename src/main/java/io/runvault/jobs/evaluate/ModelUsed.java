package io.runvault.jobs.evaluate;

import io.runvault.export.Normalization;

/**
 * One model as the skeleton opened it for scoring.
 *
 * @param index its place in the spec's runs, from 0
 * @param runName the run's human name when the spec names several runs, else null
 * @param file the model file of the run that was opened
 * @param engine the engine it runs on
 * @param normalization the preprocessing applied to the images
 */
record ModelUsed(int index, String runId, String runName, String file, String engine, Normalization normalization) {
}
