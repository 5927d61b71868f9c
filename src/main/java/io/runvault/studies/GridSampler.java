package io.runvault.studies;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every combination of a small space, each once, in a seeded order. Integer ranges and categorical
 * parameters list their own values; a float range needs a step or an explicit list of values (a
 * continuous range has no grid, which is an error). Trials of any state but WAITING take their point:
 * failed ones too, as in Optuna. Once all points are taken, {@link #exhausted} is true and further
 * samples repeat points.
 */
public final class GridSampler implements Sampler {

    /** The largest grid accepted: a grid study runs one trial per point. */
    public static final int MAX_POINTS = 100_000;

    private final long seed;
    private final List<String> names;
    private final List<List<Object>> values;
    private final int size;

    /** A grid from the space alone (floats need a step). */
    public GridSampler(SearchSpace space, long seed) {
        this(space, Map.of(), seed);
    }

    /**
     * @param explicitValues per parameter, the values to try instead of its own (each must lie in its
     *     distribution)
     */
    public GridSampler(SearchSpace space, Map<String, List<?>> explicitValues, long seed) {
        this.seed = seed;
        this.names = space.names();
        List<FieldError> errors = new ArrayList<>();
        for (String name : explicitValues.keySet()) {
            if (space.get(name) == null) {
                errors.add(new FieldError("grid." + name, "is not in the search space"));
            }
        }
        values = new ArrayList<>();
        long total = 1;
        for (String name : names) {
            List<Object> axis = axis(name, space.get(name), explicitValues.get(name), errors);
            values.add(axis);
            total = Math.min((long) MAX_POINTS + 1, total * Math.max(1, axis.size()));
        }
        if (errors.isEmpty() && total > MAX_POINTS) {
            errors.add(new FieldError("grid", "has more than " + MAX_POINTS + " points"));
        }
        if (!errors.isEmpty()) {
            throw new StudySpecException(errors);
        }
        size = (int) total;
    }

    private static List<Object> axis(String name, Distribution d, List<?> explicit, List<FieldError> errors) {
        List<Object> axis = new ArrayList<>();
        if (explicit != null) {
            if (explicit.isEmpty()) {
                errors.add(new FieldError("grid." + name, "is empty"));
            }
            for (Object v : explicit) {
                if (!d.contains(v)) {
                    errors.add(new FieldError("grid." + name, v + " is outside the parameter's range"));
                } else {
                    axis.add(d.toExternal(d.toInternal(v)));
                }
            }
            return axis;
        }
        if (d instanceof CategoricalDistribution c) {
            axis.addAll(c.choices());
        } else if (d instanceof IntDistribution i) {
            if ((i.high() - i.low()) / i.step() >= MAX_POINTS) {
                errors.add(new FieldError(name, "has too many values for a grid"));
            } else {
                for (long v = i.low(); v <= i.high(); v += i.step()) {
                    axis.add(v);
                }
            }
        } else {
            FloatDistribution f = (FloatDistribution) d;
            if (f.step() == null) {
                errors.add(new FieldError(name, "is continuous: give it a step or a list of grid values"));
            } else {
                long n = Math.round((f.high() - f.low()) / f.step()) + 1;
                if (n > MAX_POINTS) {
                    errors.add(new FieldError(name, "has too many values for a grid"));
                } else {
                    for (long k = 0; k < n; k++) {
                        axis.add(Math.min(f.high(), f.low() + k * f.step()));
                    }
                }
            }
        }
        return axis;
    }

    /** Number of grid points. */
    public int size() {
        return size;
    }

    /** Whether every point has been taken by a trial. */
    public boolean exhausted(List<Trial> trials) {
        return untaken(trials).isEmpty();
    }

    @Override
    public Map<String, Object> sample(SearchSpace space, Direction direction, List<Trial> trials, int number) {
        List<Integer> free = untaken(trials);
        SplittableRandom random = Sampler.randomFor(seed, number);
        // Seeded order over the points; the first free one in that order.
        int[] order = order();
        int chosen = -1;
        for (int id : order) {
            if (free.contains(id)) {
                chosen = id;
                break;
            }
        }
        if (chosen < 0) {
            chosen = random.nextInt(size);
        }
        return point(chosen);
    }

    private int[] order() {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return order;
    }

    Map<String, Object> point(int id) {
        Map<String, Object> p = new LinkedHashMap<>();
        int rest = id;
        for (int j = names.size() - 1; j >= 0; j--) {
            List<Object> axis = values.get(j);
            p.put(names.get(j), axis.get(rest % axis.size()));
            rest /= axis.size();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : names) {
            ordered.put(name, p.get(name));
        }
        return ordered;
    }

    private List<Integer> untaken(List<Trial> trials) {
        boolean[] taken = new boolean[size];
        for (Trial t : trials) {
            if (t.state() == TrialState.WAITING) {
                continue;
            }
            int id = idOf(t.params());
            if (id >= 0) {
                taken[id] = true;
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (!taken[i]) {
                free.add(i);
            }
        }
        return free;
    }

    private int idOf(Map<String, Object> params) {
        int id = 0;
        for (int j = 0; j < names.size(); j++) {
            List<Object> axis = values.get(j);
            if (!params.containsKey(names.get(j))) {
                return -1;
            }
            int k = indexOf(axis, params.get(names.get(j)));
            if (k < 0) {
                return -1;
            }
            id = id * axis.size() + k;
        }
        return id;
    }

    private static int indexOf(List<Object> axis, Object v) {
        for (int i = 0; i < axis.size(); i++) {
            Object a = axis.get(i);
            if (java.util.Objects.equals(a, v)
                    || (a instanceof Number x && v instanceof Number y && Math.abs(x.doubleValue() - y.doubleValue()) < 1e-12)) {
                return i;
            }
        }
        return -1;
    }
}
