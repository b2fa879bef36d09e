#!/usr/bin/env python3
"""Independent float64 reference for `./adalab trace`.

Every optimizer and variant is written here from the documents (claims.md section 1 and the
pseudo-code of 004_f1842b88dabc8703.txt), not from the Java code; the defaults are the ones that
`./adalab trace --help` documents (the documents give none for several keys). The script runs
`./adalab trace` for each case, parses its CSV and compares every number with a relative
tolerance of 1e-12 (absolute floor 1e-300).

    python3 src/test/python/trace_reference.py [--adalab PATH] [-k SUBSTRING] [-v] [--selftest]

Prints `ok` / `FAIL` per case (a FAIL names the first differing step and column, expected and
got), then `N passed, N failed` alone on the last line; exit status 1 if any case failed.
Plain Python 3: Python floats are IEEE binary64, as Java's double.
"""
import math
import os
import random
import subprocess
import sys
import tempfile

RTOL = 1e-12
ATOL = 1e-300

# ---------------------------------------------------------------------------------------------
# Defaults, as `./adalab trace --help` documents them (checked against the help text at run time).
DEFAULTS = {
    "sgd": {"lr": 0.01},
    "momentum": {"lr": 0.01, "gamma": 0.9},
    "nag": {"lr": 0.01, "gamma": 0.9},
    "asgd": {"lr": 0.01, "alpha": 0.99, "avg_start": 1000, "average": "moving"},
    "rprop": {"eta_plus": 1.2, "eta_minus": 0.5, "delta0": 0.1, "delta_min": 1e-6, "delta_max": 50.0,
              "variant": "doc004"},
    "adagrad": {"lr": 0.01, "eps": 1e-8, "eps_placement": "inside"},
    "rmsprop": {"lr": 0.001, "rho": 0.9, "eps": 1e-8, "eps_placement": "inside", "centered": "off",
                "momentum": 0.0},
    "adadelta": {"rho": 0.95, "eps": 1e-6},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0,
             "eps_placement": "outside", "bias_correction": "on"},
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01,
              "eps_placement": "outside", "bias_correction": "on"},
    "nadam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "eps_placement": "outside",
              "form": "doc004", "momentum_decay": 0.004},
    "radam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "eps_placement": "outside",
              "threshold": 4.0, "fallback": "momentum", "form": "doc004"},
    "amsgrad": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "eps_placement": "outside",
                "form": "pytorch"},
}


def sign(x):
    return 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)


def adaptive_denominator(vhat, eps, placement):
    """sqrt(vhat) + eps (outside) or sqrt(vhat + eps) (inside)."""
    if placement == "outside":
        return math.sqrt(vhat) + eps
    if placement == "inside":
        return math.sqrt(vhat + eps)
    raise ValueError(placement)


# ---------------------------------------------------------------------------------------------
# The optimizers. Each takes the start x0, a gradient function grad(point, t) (t = 1, 2, ...),
# the number of steps and the hyperparameters, and returns the rows for steps 0..steps
# (each row: the parameters, plus the running average for asgd).

def ref_sgd(x0, grad, steps, lr):
    # doc 004: params = params - lr * grad
    x = list(x0)
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        x = [x[i] - lr * g[i] for i in range(len(x))]
        rows.append(list(x))
    return rows


def ref_momentum(x0, grad, steps, lr, gamma):
    # doc 004: v = gamma * v + lr * grad; params = params - v
    x = list(x0)
    v = [0.0] * len(x)
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for i in range(len(x)):
            v[i] = gamma * v[i] + lr * g[i]
            x[i] = x[i] - v[i]
        rows.append(list(x))
    return rows


def ref_nag(x0, grad, steps, lr, gamma):
    # doc 004: lookahead = params - gamma * v; grad at lookahead; v = gamma*v + lr*grad; params -= v
    x = list(x0)
    v = [0.0] * len(x)
    rows = [list(x)]
    for t in range(1, steps + 1):
        look = [x[i] - gamma * v[i] for i in range(len(x))]
        g = grad(look, t)
        for i in range(len(x)):
            v[i] = gamma * v[i] + lr * g[i]
            x[i] = x[i] - v[i]
        rows.append(list(x))
    return rows


def ref_asgd(x0, grad, steps, lr, alpha, avg_start, average):
    # doc 004: params -= lr*grad; step += 1; if step >= start: avg = alpha*avg + (1-alpha)*params
    # else avg = params. avg starts as params.
    x = list(x0)
    avg = list(x0)
    rows = [list(x) + list(avg)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        x = [x[i] - lr * g[i] for i in range(len(x))]
        if t >= avg_start and average == "arithmetic":
            # doc 004's first formula: the mean of theta_k .. theta_t, k = avg_start (kept as a sum)
            total = [x[i] if t == avg_start else total[i] + x[i] for i in range(len(x))]
            avg = [total[i] / (t - avg_start + 1) for i in range(len(x))]
        elif t >= avg_start:
            avg = [alpha * avg[i] + (1 - alpha) * x[i] for i in range(len(x))]
        else:
            avg = list(x)
        rows.append(list(x) + list(avg))
    return rows


def ref_rprop(x0, grad, steps, eta_plus, eta_minus, delta0, delta_min, delta_max, variant):
    """doc004: doc 004's pseudo-code literally (p = prev_grad * grad; p<0: no step, prev_grad = 0).
    rprop-: Riedmiller's Rprop without backtracking (always steps with the new delta, keeps g).
    rprop+: Riedmiller & Braun 1993, on p<0 the last update is undone and prev_grad = 0."""
    n = len(x0)
    x = list(x0)
    delta = [delta0] * n
    prev = [0.0] * n
    prev_update = [0.0] * n
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for j in range(n):
            # adalab compares signs rather than forming prev*g, which would underflow to 0 for tiny
            # gradients (|g| ~ 1e-170) and silently take the p = 0 branch; the sign of the product is
            # the same whenever the product is representable (a documented deviation from doc 004).
            p = sign(prev[j]) * sign(g[j])
            if p > 0:
                delta[j] = min(delta[j] * eta_plus, delta_max)
                update = -sign(g[j]) * delta[j]
                x[j] = x[j] + update
                prev_update[j] = update
                prev[j] = g[j]
            elif p < 0:
                delta[j] = max(delta[j] * eta_minus, delta_min)
                if variant == "doc004":
                    prev[j] = 0.0
                    prev_update[j] = 0.0
                elif variant == "rprop-":
                    update = -sign(g[j]) * delta[j]
                    x[j] = x[j] + update
                    prev_update[j] = update
                    prev[j] = g[j]
                elif variant == "rprop+":
                    x[j] = x[j] - prev_update[j]
                    prev_update[j] = -prev_update[j]
                    prev[j] = 0.0
                else:
                    raise ValueError(variant)
            else:
                update = -sign(g[j]) * delta[j]
                x[j] = x[j] + update
                prev_update[j] = update
                prev[j] = g[j]
        rows.append(list(x))
    return rows


def ref_adagrad(x0, grad, steps, lr, eps, eps_placement):
    # G += g^2; formula (docs 000/004): denominator sqrt(G + eps); pseudo-code: sqrt(G) + eps
    x = list(x0)
    G = [0.0] * len(x)
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for i in range(len(x)):
            G[i] = G[i] + g[i] * g[i]
            # doc 004's pseudo-code: adjusted_grad = grad / denominator; params -= lr * adjusted_grad
            x[i] = x[i] - lr * (g[i] / adaptive_denominator(G[i], eps, eps_placement))
        rows.append(list(x))
    return rows


def ref_rmsprop(x0, grad, steps, lr, rho, eps, eps_placement, centered, momentum):
    # E = rho E + (1-rho) g^2; theta -= lr g / sqrt(E + eps)  (or / (sqrt(E) + eps))
    # torch.optim.RMSprop's options (its docs' algorithm box, alpha = rho):
    #   centered: g_ave = alpha g_ave + (1-alpha) g;  the root is taken of E - g_ave^2
    #   momentum mu > 0: b = mu b + g / denominator;  theta -= lr b
    x = list(x0)
    E = [0.0] * len(x)
    g_ave = [0.0] * len(x)
    b = [0.0] * len(x)
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for i in range(len(x)):
            E[i] = rho * E[i] + (1 - rho) * g[i] * g[i]
            w = E[i]
            if centered == "on":
                g_ave[i] = rho * g_ave[i] + (1 - rho) * g[i]
                w = max(E[i] - g_ave[i] ** 2, 0.0)
            denominator = adaptive_denominator(w, eps, eps_placement)
            adjusted = 0.0 if denominator == 0 else g[i] / denominator
            if momentum > 0:
                b[i] = momentum * b[i] + adjusted
                x[i] = x[i] - lr * b[i]
            else:
                # doc 004's pseudo-code: adjusted_grad = grad / denominator; params -= lr * adjusted_grad
                x[i] = x[i] - lr * adjusted
        rows.append(list(x))
    return rows


def ref_adadelta(x0, grad, steps, rho, eps):
    # doc 004's pseudo-code
    x = list(x0)
    Eg = [0.0] * len(x)
    Ed = [0.0] * len(x)
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for i in range(len(x)):
            Eg[i] = rho * Eg[i] + (1 - rho) * g[i] * g[i]
            update = -(math.sqrt(Ed[i] + eps) / math.sqrt(Eg[i] + eps)) * g[i]
            Ed[i] = rho * Ed[i] + (1 - rho) * update * update
            x[i] = x[i] + update
        rows.append(list(x))
    return rows


def ref_adam(x0, grad, steps, lr, beta1, beta2, eps, weight_decay, eps_placement, bias_correction):
    # doc 004's Adam; weight_decay: coupled L2, g' = g + lambda*theta fed to the moments.
    n = len(x0)
    x = list(x0)
    m = [0.0] * n
    v = [0.0] * n
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        if weight_decay != 0.0:
            g = [g[i] + weight_decay * x[i] for i in range(n)]
        c1 = 1 - beta1 ** t if bias_correction == "on" else 1.0
        c2 = 1 - beta2 ** t if bias_correction == "on" else 1.0
        for i in range(n):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            mhat = m[i] / c1
            vhat = v[i] / c2
            x[i] = x[i] - lr * mhat / adaptive_denominator(vhat, eps, eps_placement)
        rows.append(list(x))
    return rows


def ref_adamw(x0, grad, steps, lr, beta1, beta2, eps, weight_decay, eps_placement, bias_correction):
    # doc 004 AdamW: params = params - adam_update - lr * weight_decay * params (old params)
    n = len(x0)
    x = list(x0)
    m = [0.0] * n
    v = [0.0] * n
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        c1 = 1 - beta1 ** t if bias_correction == "on" else 1.0
        c2 = 1 - beta2 ** t if bias_correction == "on" else 1.0
        for i in range(n):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            mhat = m[i] / c1
            vhat = v[i] / c2
            adam_update = lr * mhat / adaptive_denominator(vhat, eps, eps_placement)
            x[i] = x[i] - adam_update - lr * weight_decay * x[i]
        rows.append(list(x))
    return rows


def ref_nadam(x0, grad, steps, lr, beta1, beta2, eps, eps_placement, form, momentum_decay):
    """doc004: m_nesterov = beta1*m_hat + (1-beta1)*g/(1-beta1^t), theta -= lr*m_nesterov/(sqrt(v_hat)+eps).
    dozat: torch.optim.NAdam: mu_t = beta1*(1 - 0.5*0.96^(t*psi)), mu_product = prod mu_i (i <= t),
    theta -= lr*(1-mu_t)/(1-mu_product) * g/denom + lr*mu_{t+1}/(1-mu_product*mu_{t+1}) * m/denom,
    denom = sqrt(v/(1-beta2^t)) + eps."""
    n = len(x0)
    x = list(x0)
    m = [0.0] * n
    v = [0.0] * n
    mu_product = 1.0
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        c1 = 1 - beta1 ** t
        c2 = 1 - beta2 ** t
        if form == "dozat":
            mu = beta1 * (1.0 - 0.5 * 0.96 ** (t * momentum_decay))
            mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
            mu_product = mu_product * mu
        for i in range(n):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            vhat = v[i] / c2
            denom = adaptive_denominator(vhat, eps, eps_placement)
            if form == "doc004":
                mhat = m[i] / c1
                m_nesterov = beta1 * mhat + (1 - beta1) * g[i] / c1
                x[i] = x[i] - lr * m_nesterov / denom
            elif form == "dozat":
                # as torch's two addcdiv_ calls: param += value * (tensor1 / tensor2)
                x[i] = x[i] + (-lr * (1 - mu) / (1 - mu_product)) * (g[i] / denom)
                x[i] = x[i] + (-lr * mu_next / (1 - mu_product * mu_next)) * (m[i] / denom)
            else:
                raise ValueError(form)
        rows.append(list(x))
    return rows


def radam_rho(t, beta2):
    rho_inf = 2 / (1 - beta2) - 1
    return rho_inf, rho_inf - (2 * t * (beta2 ** t)) / (1 - beta2 ** t)


def ref_radam(x0, grad, steps, lr, beta1, beta2, eps, eps_placement, threshold, fallback, form):
    # doc 004's pseudo-code; fallback momentum = its "else: update = lr * m_hat";
    # adam = its summary formula's r_t = 1; none = no update (moments still updated).
    # form pytorch: torch.optim.RAdam's docs: rho_t > 5, l_t = sqrt(1 - beta2^t) / (sqrt(v_t) + eps),
    # theta -= lr m_hat r_t l_t; otherwise theta -= lr m_hat.
    if form == "pytorch":
        threshold = 5.0
    n = len(x0)
    x = list(x0)
    m = [0.0] * n
    v = [0.0] * n
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        rho_inf, rho_t = radam_rho(t, beta2)
        for i in range(n):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            m_hat = m[i] / (1 - beta1 ** t)
            if rho_t > threshold:
                v_hat = v[i] / (1 - beta2 ** t)
                r_t_num = (rho_t - 4) * (rho_t - 2) * rho_inf
                r_t_den = (rho_inf - 4) * (rho_inf - 2) * rho_t
                r_t = math.sqrt(r_t_num / r_t_den)
                if form == "pytorch":
                    l_t = math.sqrt(1 - beta2 ** t) / (math.sqrt(v[i]) + eps)
                    update = lr * m_hat * r_t * l_t
                else:
                    update = lr * r_t * m_hat / adaptive_denominator(v_hat, eps, eps_placement)
            elif fallback == "momentum":
                update = lr * m_hat
            elif fallback == "adam":
                v_hat = v[i] / (1 - beta2 ** t)
                update = lr * m_hat / adaptive_denominator(v_hat, eps, eps_placement)
            elif fallback == "none":
                update = 0.0
            else:
                raise ValueError(fallback)
            x[i] = x[i] - update
        rows.append(list(x))
    return rows


def ref_amsgrad(x0, grad, steps, lr, beta1, beta2, eps, eps_placement, form):
    # pytorch: vmax = max(vmax, v); theta -= lr * m_hat / (sqrt(vmax/(1-beta2^t)) + eps)
    # reddi (Algorithm 2, constant step, no bias correction): theta -= lr * m / (sqrt(vmax) + eps)
    # optax (optax.amsgrad): nu_hat = v/(1-beta2^t); nu_max = max(nu_max, nu_hat);
    #   theta -= lr * m_hat / (sqrt(nu_max) + eps)
    n = len(x0)
    x = list(x0)
    m = [0.0] * n
    v = [0.0] * n
    vmax = [0.0] * n
    nu_max = [0.0] * n
    rows = [list(x)]
    for t in range(1, steps + 1):
        g = grad(x, t)
        for i in range(n):
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            vmax[i] = max(vmax[i], v[i])
            if form == "pytorch":
                m_hat = m[i] / (1 - beta1 ** t)
                x[i] = x[i] - lr * m_hat / adaptive_denominator(vmax[i] / (1 - beta2 ** t), eps, eps_placement)
            elif form == "reddi":
                x[i] = x[i] - lr * m[i] / adaptive_denominator(vmax[i], eps, eps_placement)
            elif form == "optax":
                nu_max[i] = max(nu_max[i], v[i] / (1 - beta2 ** t))
                m_hat = m[i] / (1 - beta1 ** t)
                x[i] = x[i] - lr * m_hat / adaptive_denominator(nu_max[i], eps, eps_placement)
            else:
                raise ValueError(form)
        rows.append(list(x))
    return rows


REFERENCES = {
    "sgd": ref_sgd, "momentum": ref_momentum, "nag": ref_nag, "asgd": ref_asgd, "rprop": ref_rprop,
    "adagrad": ref_adagrad, "rmsprop": ref_rmsprop, "adadelta": ref_adadelta, "adam": ref_adam,
    "adamw": ref_adamw, "nadam": ref_nadam, "radam": ref_radam, "amsgrad": ref_amsgrad,
}

# ---------------------------------------------------------------------------------------------
# Objectives (the CLI's --objective specs) and gradient files.


def quadratic(a):
    # f = 1/2 sum a_i x_i^2, gradient a_i x_i
    return lambda x, t: [a[i] * x[i] for i in range(len(a))]


def rosenbrock(a=1.0, b=100.0):
    # f = (a - x)^2 + b (y - x^2)^2
    def g(p, t):
        x, y = p
        return [-2 * (a - x) - 4 * b * x * (y - x * x), 2 * b * (y - x * x)]
    return g


def file_rows(rows):
    return lambda x, t: rows[t - 1]


def make_gradient_files(rng):
    """Rows (lists of floats) for the gradient-file cases."""
    files = {}
    # Mixed magnitudes 1e-3..1e3, random signs, 3 columns.
    files["mixed"] = [[rng.choice((-1, 1)) * rng.uniform(0.5, 2.0) * 10.0 ** rng.uniform(-3, 3)
                       for _ in range(3)] for _ in range(200)]
    # Extremes: tiny (~1e-150, squares stay normal), huge (~1e150, squares stay finite), a plain
    # column with some exact zeros, and a column of same-sign runs (grows Rprop's delta to its
    # maximum, then halving streaks).
    ext = []
    sgn = 1.0
    for k in range(200):
        if k % 37 == 0 or (k > 120 and k % 3 == 0):
            sgn = -sgn
        ext.append([
            rng.choice((-1, 1)) * rng.uniform(0.1, 10.0) * 1e-150,
            rng.choice((-1, 1)) * rng.uniform(0.1, 10.0) * 1e150,
            0.0 if k % 11 == 0 else rng.gauss(0.0, 1.0),
            sgn * rng.uniform(0.01, 100.0),
        ])
    files["extreme"] = ext
    # No zero components (for eps = 0 runs, where 0/0 would be a separate question).
    files["nonzero"] = [[rng.choice((-1, 1)) * rng.uniform(0.1, 3.0) for _ in range(2)] for _ in range(200)]
    # Rprop: products of consecutive gradients underflow to 0 (|g| ~ 1e-170), with sign changes.
    files["underflow"] = [[rng.choice((-1, 1)) * 1e-170 * rng.uniform(1, 5), rng.choice((-1, 1)) * rng.uniform(1, 5)]
                          for _ in range(200)]
    return files


# ---------------------------------------------------------------------------------------------
# Cases: (name, optimizer, {overrides}, source) where source is ("objective", spec, start) or
# ("file", filename). Every case runs 200 steps; `every` is 1 unless the case says otherwise.

Q2 = ("objective", "quadratic:1,10", [1.5, -2.0])
Q3 = ("objective", "quadratic:0.5,2,20", [3.0, -1.0, 0.25])
R = ("objective", "rosenbrock", [-1.2, 1.0])
F_MIX = ("file", "mixed")
F_EXT = ("file", "extreme")
F_NZ = ("file", "nonzero")
F_UF = ("file", "underflow")


def cases():
    c = []

    def add(opt, over, src, every=1, note=""):
        name = opt + (" " + " ".join(f"{k}={v}" for k, v in over.items()) if over else "") + " on " + (
            src[1] if src[0] == "objective" else "file:" + src[1]) + (f" every={every}" if every != 1 else "")
        c.append(dict(name=name, opt=opt, over=over, src=src, every=every, note=note))

    add("sgd", {}, Q2)
    add("sgd", {"lr": 0.15}, Q3, every=7)
    add("sgd", {"lr": 0.001}, R)
    add("sgd", {}, F_EXT)
    add("momentum", {}, Q2)
    add("momentum", {"lr": 0.05, "gamma": 0.5}, Q3)
    add("momentum", {"lr": 1e-4, "gamma": 0.95}, R)
    add("momentum", {}, F_MIX)
    add("nag", {}, Q2)
    add("nag", {"lr": 0.02, "gamma": 0.99}, Q3, every=10)
    add("nag", {"lr": 1e-4}, R)
    add("asgd", {}, Q2)
    add("asgd", {"alpha": 0.9, "avg_start": 50}, Q3)
    add("asgd", {"lr": 0.001, "avg_start": 20, "alpha": 0.5}, R)
    add("asgd", {"avg_start": 1}, F_MIX)
    add("asgd", {"avg_start": 100, "alpha": 0.0}, F_EXT, every=9)
    add("asgd", {"average": "arithmetic", "avg_start": 1}, Q2)
    add("asgd", {"average": "arithmetic", "avg_start": 30, "lr": 0.05}, F_MIX)
    add("asgd", {"average": "arithmetic", "avg_start": 5, "lr": 0.001}, R)
    for variant in ("doc004", "rprop-", "rprop+"):
        over = {} if variant == "doc004" else {"variant": variant}
        add("rprop", over, F_MIX)
        add("rprop", over, F_EXT)
        add("rprop", over, R)
        add("rprop", over, Q2)
    add("rprop", {"eta_plus": 1.5, "eta_minus": 0.3, "delta0": 0.5, "delta_min": 1e-3, "delta_max": 1.0}, F_EXT)
    add("rprop", {"variant": "rprop+", "eta_plus": 1.1, "eta_minus": 0.7, "delta0": 0.01, "delta_max": 0.5}, R)
    add("rprop", {"delta0": 100.0}, F_EXT)
    add("rprop", {}, F_UF, note="gradient products underflow to 0")
    add("adagrad", {}, Q2)
    add("adagrad", {"lr": 0.5}, R)
    add("adagrad", {}, F_MIX)
    add("adagrad", {}, F_EXT)
    add("adagrad", {"eps_placement": "outside"}, F_EXT)
    add("adagrad", {"eps_placement": "outside", "lr": 0.3, "eps": 1e-2}, Q3)
    add("adagrad", {"eps": 0.0}, F_NZ)
    add("rmsprop", {}, Q2)
    add("rmsprop", {"lr": 0.01, "rho": 0.5, "eps_placement": "outside"}, Q3)
    add("rmsprop", {"lr": 0.003}, R)
    add("rmsprop", {}, F_EXT)
    add("rmsprop", {"eps_placement": "outside", "eps": 1e-3}, F_MIX)
    add("rmsprop", {"eps": 0.0, "rho": 0.99}, F_NZ)
    add("rmsprop", {"centered": "on"}, Q2)
    add("rmsprop", {"centered": "on", "eps_placement": "outside", "rho": 0.99, "lr": 0.01}, F_MIX)
    add("rmsprop", {"centered": "on", "eps": 0.0}, F_NZ)
    add("rmsprop", {"momentum": 0.9}, Q3)
    add("rmsprop", {"momentum": 0.5, "eps_placement": "outside", "lr": 0.003}, R)
    add("rmsprop", {"centered": "on", "momentum": 0.9, "eps_placement": "outside", "rho": 0.99}, F_EXT)
    add("adadelta", {}, Q2)
    add("adadelta", {"rho": 0.9, "eps": 1e-4}, Q3)
    add("adadelta", {}, R)
    add("adadelta", {}, F_EXT)
    add("adadelta", {"rho": 0.0, "eps": 1e-2}, F_MIX)
    add("adam", {}, Q2)
    add("adam", {"lr": 0.05, "beta1": 0.8, "beta2": 0.95}, R)
    add("adam", {}, F_MIX)
    add("adam", {}, F_EXT)
    add("adam", {"eps_placement": "inside", "lr": 0.1}, Q3)
    add("adam", {"bias_correction": "off", "lr": 0.1}, Q2, every=5)
    add("adam", {"weight_decay": 0.1, "lr": 0.05}, Q2)
    add("adam", {"weight_decay": 0.5, "bias_correction": "off", "eps_placement": "inside", "eps": 1e-3}, F_MIX)
    add("adam", {"eps": 0.0, "beta1": 0.0}, F_NZ)
    add("adam", {"beta2": 0.5, "lr": 0.02}, R)
    add("adamw", {}, Q2)
    add("adamw", {"weight_decay": 0.5, "lr": 0.01}, R)
    add("adamw", {"weight_decay": 0.2, "eps_placement": "inside", "lr": 0.1}, Q3)
    add("adamw", {"bias_correction": "off", "weight_decay": 1.0, "lr": 0.05}, F_MIX)
    add("adamw", {}, F_EXT)
    add("adamw", {"weight_decay": 0.0}, F_NZ)
    add("nadam", {}, Q2)
    add("nadam", {"lr": 0.05}, R)
    add("nadam", {}, F_EXT)
    add("nadam", {"eps_placement": "inside", "beta1": 0.8, "lr": 0.1}, Q3)
    add("nadam", {"form": "dozat"}, Q2)
    add("nadam", {"form": "dozat", "lr": 0.05}, R)
    add("nadam", {"form": "dozat"}, F_MIX)
    add("nadam", {"form": "dozat"}, F_EXT)
    add("nadam", {"form": "dozat", "momentum_decay": 0.1, "beta1": 0.8, "eps_placement": "inside", "lr": 0.1}, Q3)
    add("radam", {}, Q2)
    add("radam", {"lr": 0.05}, R)
    add("radam", {}, F_MIX)
    add("radam", {}, F_EXT)
    add("radam", {"threshold": 5.0}, F_MIX)
    add("radam", {"fallback": "adam"}, F_MIX)
    add("radam", {"fallback": "none"}, F_MIX)
    add("radam", {"threshold": 5.0, "fallback": "adam", "eps_placement": "inside", "lr": 0.1}, Q3)
    add("radam", {"beta2": 0.9, "threshold": 10.0, "fallback": "none", "lr": 0.05}, Q2)
    add("radam", {"beta2": 0.99, "lr": 0.01}, R)
    add("radam", {"form": "pytorch"}, F_MIX)
    add("radam", {"form": "pytorch", "lr": 0.002}, R)
    add("radam", {"form": "pytorch", "beta2": 0.9, "eps": 1e-3}, Q3)
    add("amsgrad", {}, Q2)
    add("amsgrad", {"lr": 0.05}, R)
    add("amsgrad", {}, F_MIX)
    add("amsgrad", {}, F_EXT)
    add("amsgrad", {"eps_placement": "inside", "lr": 0.1}, Q3)
    add("amsgrad", {"form": "reddi"}, F_MIX)
    add("amsgrad", {"form": "reddi", "lr": 0.05, "beta1": 0.0}, R)
    add("amsgrad", {"form": "reddi", "eps_placement": "inside", "beta2": 0.9}, F_EXT)
    add("amsgrad", {"form": "optax"}, F_MIX)
    add("amsgrad", {"form": "optax", "lr": 0.05}, R)
    add("amsgrad", {"form": "optax", "eps_placement": "inside", "beta2": 0.9}, F_EXT)
    return c


STEPS = 200


def fmt(v):
    return repr(float(v)) if isinstance(v, float) else str(v)


def expected_rows(case, files):
    opt = case["opt"]
    hp = dict(DEFAULTS[opt])
    hp.update(case["over"])
    src = case["src"]
    if src[0] == "objective":
        spec, start = src[1], src[2]
        if spec.startswith("quadratic:"):
            grad = quadratic([float(s) for s in spec.split(":", 1)[1].split(",")])
        elif spec == "rosenbrock":
            grad = rosenbrock()
        else:
            raise ValueError(spec)
        x0 = list(start)
    else:
        rows = files[src[1]]
        grad = file_rows(rows)
        x0 = [0.0] * len(rows[0])
    return REFERENCES[opt](x0, grad, STEPS, **hp)


def command(case, adalab, paths):
    cmd = [adalab, "trace", "--optimizer", case["opt"], "--steps", str(STEPS)]
    for k, v in case["over"].items():
        cmd += ["--set", f"{k}={fmt(v)}"]
    src = case["src"]
    if src[0] == "objective":
        cmd += ["--objective", src[1], "--start", ",".join(fmt(s) for s in src[2])]
    else:
        cmd += ["--gradients", paths[src[1]]]
    if case["every"] != 1:
        cmd += ["--every", str(case["every"])]
    return cmd


def close(e, g):
    if e == g:
        return True
    if math.isnan(e) or math.isnan(g) or math.isinf(e) or math.isinf(g):
        return False
    return abs(e - g) <= max(RTOL * max(abs(e), abs(g)), ATOL)


def compare(case, expected, out):
    """None if the CSV matches, else a one-line description of the first difference."""
    lines = [l for l in out.splitlines() if l.strip()]
    if not lines:
        return "no output"
    n = len(expected[0])
    dim = n // 2 if case["opt"] == "asgd" else n
    want_header = ["step"] + [f"x{i}" for i in range(dim)] + ([f"avg{i}" for i in range(dim)] if case["opt"] == "asgd" else [])
    header = lines[0].split(",")
    if header != want_header:
        return f"header {lines[0]!r}, expected {','.join(want_header)!r}"
    want_steps = [k for k in range(STEPS + 1) if k % case["every"] == 0]
    got_steps = []
    for line in lines[1:]:
        cells = line.split(",")
        try:
            step = int(cells[0])
            vals = [float(s) for s in cells[1:]]
        except ValueError:
            return f"unparsable row {line!r}"
        got_steps.append(step)
        if step < 0 or step > STEPS or len(vals) != n:
            return f"bad row {line!r}"
        for j in range(n):
            if not close(expected[step][j], vals[j]):
                e, g = expected[step][j], vals[j]
                rel = abs(e - g) / max(abs(e), abs(g)) if max(abs(e), abs(g)) > 0 else float("inf")
                # Error against the largest |value| this column has had so far: ~1e-16..1e-14 means
                # rounding (a different order of operations) magnified by cancellation near 0.
                scale = max(abs(expected[k][j]) for k in range(step + 1))
                return (f"step {step} {header[j + 1]}: expected {fmt(e)} got {fmt(g)} (rel {rel:.2e}, "
                        f"abs err / column scale {abs(e - g) / scale if scale > 0 else float('inf'):.1e})")
    if got_steps != want_steps:
        return f"rows for steps {got_steps[:5]}...{got_steps[-3:]}, expected {want_steps[:5]}...{want_steps[-3:]}"
    return None


def max_rel(expected, out):
    """Largest relative difference over a CSV that passed (0.0: bit-identical)."""
    worst = 0.0
    for line in out.splitlines()[1:]:
        cells = line.split(",")
        if len(cells) < 2:
            continue
        row = expected[int(cells[0])]
        for e, s in zip(row, cells[1:]):
            g = float(s)
            if e != g:
                worst = max(worst, abs(e - g) / max(abs(e), abs(g)))
    return worst


def check_defaults(adalab):
    """Compares DEFAULTS with the defaults that `trace --help` documents; returns a list of problems."""
    r = subprocess.run([adalab, "trace", "--help"], capture_output=True, text=True)
    if r.returncode != 0:
        return [f"trace --help exited {r.returncode}: {r.stderr.strip()[:200]}"]
    problems, current, seen = [], None, {}
    in_opts = False
    for line in r.stdout.splitlines():
        if line.startswith("Optimizers, their keys"):
            in_opts = True
            continue
        if in_opts and line and not line.startswith(" "):
            break
        if not in_opts:
            continue
        words = line.split()
        if len(words) == 1 and line.startswith("  ") and not line.startswith("    "):
            current = words[0]
            seen[current] = {}
        elif len(words) >= 2 and current:
            seen[current][words[0]] = words[1]
    for opt, hp in DEFAULTS.items():
        doc = seen.get(opt)
        if doc is None:
            problems.append(f"--help lists no optimizer {opt}")
            continue
        for k, v in hp.items():
            if k not in doc:
                problems.append(f"--help lists no key {k} for {opt}")
            elif isinstance(v, str):
                if doc[k] != v:
                    problems.append(f"{opt} {k}: --help default {doc[k]}, reference assumes {v}")
            elif float(doc[k]) != float(v):
                problems.append(f"{opt} {k}: --help default {doc[k]}, reference assumes {v}")
        for k in doc:
            if k not in hp:
                problems.append(f"{opt}: --help lists key {k} that the reference does not model")
    return problems


def selftest():
    """A few of the documents' numbers, to check the reference itself."""
    ok = True

    def want(what, got, exp, tol):
        nonlocal ok
        good = abs(got - exp) <= tol
        ok &= good
        print(f"  {'ok' if good else 'FAIL'} {what}: {got!r} (expected {exp!r} +- {tol})")

    # RAdam: first rectified step t = 5 with threshold 4 (rho_5 ~ 4.996, r_5 ~ 0.0173), t = 6 with 5.
    first4 = next(t for t in range(1, 100) if radam_rho(t, 0.999)[1] > 4)
    first5 = next(t for t in range(1, 100) if radam_rho(t, 0.999)[1] > 5)
    want("RAdam first t with rho_t > 4", first4, 5, 0)
    want("RAdam first t with rho_t > 5", first5, 6, 0)
    want("RAdam rho_5", radam_rho(5, 0.999)[1], 4.996, 1e-3)
    # AdaDelta's first step ~ sqrt(eps/(1-rho)) = 4.47e-3 whatever the gradient.
    x1 = ref_adadelta([0.0], lambda x, t: [3.0], 1, rho=0.95, eps=1e-6)[1][0]
    want("AdaDelta first step", -x1, math.sqrt(1e-6 / 0.05), 1e-8)
    # Adam's first step is lr (eps = 0) with bias correction, lr (1-b1)/sqrt(1-b2) without.
    a = ref_adam([0.0], lambda x, t: [7.0], 1, 1e-3, 0.9, 0.999, 0.0, 0.0, "outside", "on")[1][0]
    b = ref_adam([0.0], lambda x, t: [7.0], 1, 1e-3, 0.9, 0.999, 0.0, 0.0, "outside", "off")[1][0]
    want("Adam first step, corrected", -a, 1e-3, 1e-18)
    want("Adam first-step ratio off/on", b / a, 0.1 / math.sqrt(0.001), 1e-12)
    # Nadam doc004 == Adam with m_t in place of m_{t-1}: second step by hand.
    g1, g2, b1, b2 = 2.0, -1.0, 0.9, 0.999
    m1 = (1 - b1) * g1
    m2 = b1 * m1 + (1 - b1) * g2
    v2 = b2 * (1 - b2) * g1 ** 2 + (1 - b2) * g2 ** 2
    x_hand = -1e-3 * ((b1 * m1 + (1 - b1) * g1) / (1 - b1)) / math.sqrt((1 - b2) * g1 ** 2 / (1 - b2))
    x_hand -= 1e-3 * ((b1 * m2 + (1 - b1) * g2) / (1 - b1 ** 2)) / math.sqrt(v2 / (1 - b2 ** 2))
    x_ref = ref_nadam([0.0], lambda x, t: [g1 if t == 1 else g2], 2, 1e-3, b1, b2, 0.0, "outside", "doc004", 0.004)[2][0]
    want("Nadam doc004 two steps vs hand algebra", x_ref, x_hand, 1e-15)
    # Rprop doc004 on signs +,+,-,+ from 0 with delta0 0.1: steps -0.1, -0.12, none, -0.06.
    xs = ref_rprop([0.0], lambda x, t: [[1.0, 1.0, -1.0, 1.0][t - 1]], 4, 1.2, 0.5, 0.1, 1e-6, 50.0, "doc004")
    want("Rprop doc004 after 4 steps", xs[4][0], -0.1 - 0.12 - 0.06, 1e-15)
    return ok


def main(argv):
    adalab = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "adalab")
    verbose, only = False, None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--adalab":
            adalab = args.pop(0)
        elif a == "-k":
            only = args.pop(0)
        elif a == "-v":
            verbose = True
        elif a == "--selftest":
            ok = selftest()
            print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
            return 0 if ok else 1
        else:
            print(f"unknown argument {a}", file=sys.stderr)
            return 2
    adalab = os.path.normpath(adalab)
    passed = failed = 0

    for problem in check_defaults(adalab):
        print(f"FAIL defaults: {problem}")
        failed += 1

    files = make_gradient_files(random.Random(20240407))
    with tempfile.TemporaryDirectory(prefix="trace-ref-") as tmp:
        paths = {}
        for name, rows in files.items():
            paths[name] = os.path.join(tmp, name + ".csv")
            with open(paths[name], "w") as f:
                for row in rows:
                    f.write(",".join(repr(v) for v in row) + "\n")
        for case in cases():
            if only and only not in case["name"]:
                continue
            cmd = command(case, adalab, paths)
            expected = expected_rows(case, files)
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                problem = f"exit {r.returncode}: {r.stderr.strip()[:300]}"
            else:
                problem = compare(case, expected, r.stdout)
            label = case["name"] + (f" ({case['note']})" if case["note"] else "")
            if problem is None:
                passed += 1
                worst = max_rel(expected, r.stdout)
                print(f"ok   {label}" + ("" if worst == 0.0 else f"  (max rel diff {worst:.1e})"))
            else:
                failed += 1
                print(f"FAIL {label}: {problem}")
                if verbose:
                    print("     " + " ".join(cmd))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
