"""Optuna's TPESampler (defaults) on the sampler benchmark's functions; see tests/bench/sampler.sh.

Prints one line per run: RESULT <function> <seed> <regret>. The functions, bounds, minima and the
noise of the noisy quadratic match src/test/java/io/runvault/studies/BenchmarkFunctions.java.
"""
import argparse
import math
import sys

import optuna

M = (1 << 64) - 1


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def noise(seed, trial):
    a = splitmix64((seed * 1000003 + trial) & M)
    b = splitmix64(a)
    u1 = (a >> 11) * 2.0**-53
    u2 = (b >> 11) * 2.0**-53
    return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)


def branin(x1, x2):
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    u = x2 - b * x1 * x1 + c * x1 - 6
    return u * u + 10 * (1 - t) * math.cos(x1) + 10


BRANIN_MIN = 0.39788735772973816
ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886], [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650], [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]
Q_CENTER = [0.5, -1.5, 2.0]
NOISE_SD = 0.5


def f_branin(t):
    x = (t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15))
    v = branin(*x)
    return v, v


def f_branin2x(t):
    x1, x2 = t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)
    x3, x4 = t.suggest_float("x3", -5, 10), t.suggest_float("x4", 0, 15)
    v = branin(x1, x2) + branin(x3, x4)
    return v, v


def f_hartmann6(t):
    x = [t.suggest_float(f"x{j + 1}", 0, 1) for j in range(6)]
    f = 0.0
    for i in range(4):
        s = sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))
        f -= ALPHA[i] * math.exp(-s)
    return f, f


def f_noisy_quadratic(t, seed):
    x = [t.suggest_float(f"x{j + 1}", -5, 5) for j in range(3)]
    exact = sum((x[j] - Q_CENTER[j]) ** 2 for j in range(3))
    return exact + NOISE_SD * noise(seed, t.number), exact


FUNCTIONS = {
    "branin": (lambda t, s: f_branin(t), BRANIN_MIN),
    "branin2x-4d": (lambda t, s: f_branin2x(t), 2 * BRANIN_MIN),
    "hartmann6": (lambda t, s: f_hartmann6(t), -3.3223680114155147),
    "noisy-quadratic": (f_noisy_quadratic, 0.0),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for name, (fn, minimum) in FUNCTIONS.items():
        for seed in range(args.seeds):
            exact_by_trial = {}

            def objective(trial):
                reported, exact = fn(trial, seed)
                exact_by_trial[trial.number] = exact
                return reported

            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
            study.optimize(objective, n_trials=args.trials)
            # Regret of the trial the study would pick (its best reported value), at its true value.
            regret = exact_by_trial[study.best_trial.number] - minimum
            print(f"RESULT {name} {seed} {regret:.10g}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
