/**
 * The series' first steps, before the network: the chain rule on a graph of four nodes,
 *
 *   q = a + b,   p = c·q,   f = σ(p)        with a = 1, b = −2, c = −3
 *
 * forward values, each node's local derivatives, the chain rule backwards (each gradient is
 * the one from above times a local derivative: the same reuse as backprop's δ), and one
 * update step along the gradient, which raises f. Every number is computed here, not typed.
 */

const sigma = (x: number) => 1 / (1 + Math.exp(-x));

export interface Inputs {
  a: number;
  b: number;
  c: number;
}

export interface FirstSteps {
  inputs: Inputs;
  /** Forward: q = a + b, p = c·q, f = σ(p). */
  forward: { q: number; p: number; f: number };
  /** Local derivatives of each node with respect to its own inputs. */
  local: { dqda: number; dqdb: number; dpdc: number; dpdq: number; dfdp: number };
  /** The chain rule backwards: ∂f/∂(each value), from f down to the inputs. */
  gradient: { f: number; p: number; q: number; c: number; a: number; b: number };
  /** One step of size `step` along the gradient (ascent: f grows), and f there. */
  update: { step: number; inputs: Inputs; f: number };
}

export function forwardF({ a, b, c }: Inputs): { q: number; p: number; f: number } {
  const q = a + b;
  const p = c * q;
  return { q, p, f: sigma(p) };
}

export function firstSteps(inputs: Inputs = { a: 1, b: -2, c: -3 }, step = 1): FirstSteps {
  const forward = forwardF(inputs);
  const { q, f } = forward;
  const local = { dqda: 1, dqdb: 1, dpdc: q, dpdq: inputs.c, dfdp: f * (1 - f) };
  // Each line reuses the gradient just above it: ∂f/∂q is computed once, used for a and b.
  const dfdf = 1;
  const dfdp = dfdf * local.dfdp;
  const dfdq = dfdp * local.dpdq;
  const gradient = {
    f: dfdf,
    p: dfdp,
    c: dfdp * local.dpdc,
    q: dfdq,
    a: dfdq * local.dqda,
    b: dfdq * local.dqdb,
  };
  const next = {
    a: inputs.a + step * gradient.a,
    b: inputs.b + step * gradient.b,
    c: inputs.c + step * gradient.c,
  };
  return { inputs, forward, local, gradient, update: { step, inputs: next, f: forwardF(next).f } };
}
