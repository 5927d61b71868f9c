package io.runvault.jobs.train;

import io.runvault.datasets.DatasetCatalog;
import io.runvault.jobs.JobKind;
import io.runvault.jobs.RequestBinder;
import io.runvault.models.ModelService;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.List;

/**
 * What the kinds that train share (train, cross-validate, tune): a request is bound to the kind's
 * record and checked against the datasets and registered models on this appliance.
 */
public abstract class TrainingJobKind implements JobKind {

    /** A kind's checks of a bound request against this appliance's datasets and models; adds a reason per problem. */
    @FunctionalInterface
    protected interface RegistryChecks<T> {
        void check(T request, TrainJobSpec.Registry registry, List<String> errors);
    }

    @Inject
    DatasetCatalog datasets;

    @Inject
    ModelService models;

    @Inject
    Validator validator;

    /** Binds a request body of this kind; one 400 problem lists every reason it is refused. */
    protected <T extends Record> T bind(String body, Class<T> type, RegistryChecks<? super T> checks) {
        TrainJobSpec.Registry registry = new TrainJobSpec.Registry(datasets::trainPool, datasets::unsuitable,
                models::exists);
        return new RequestBinder(validator).bind(body, type, (request, errors) -> checks.check(request, registry, errors));
    }
}
