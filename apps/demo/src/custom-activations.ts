/**
 * The page's own activations, added through the same public extension API a user of the
 * library has: `defineActivation` / `scalarActivation` to build one, `registerActivation`
 * to make its name known (to the network options, model files and this page's selects).
 * Both the page and the training worker import this module, so both resolve the names.
 */
import {
  type Activation,
  defineActivation,
  hasActivation,
  registerActivation,
  scalarActivation,
  sigmoidScalar,
} from "@backprop/activations";

/** swish(z) = z·σ(z) (also called SiLU); swish′(z) = σ(z) + z·σ(z)(1 − σ(z)). */
export const swish = defineActivation({
  name: "swish",
  fn(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = z[i] * sigmoidScalar(z[i]);
  },
  derivative(z, out) {
    for (let i = 0; i < z.length; i++) {
      const s = sigmoidScalar(z[i]);
      out[i] = s + z[i] * s * (1 - s);
    }
  },
});

/** softsign(z) = z / (1 + |z|), softsign′(z) = 1 / (1 + |z|)²: the scalar-form helper. */
export const softsign = scalarActivation({
  name: "softsign",
  fn: (x) => x / (1 + Math.abs(x)),
  derivative: (x) => 1 / (1 + Math.abs(x)) ** 2,
});

/**
 * A parametric one: ELU with slope α for negative inputs, named "elu(α)" so a model file
 * records the parameter. elu(z) = z for z > 0, α(eᶻ − 1) otherwise; elu′ = 1 or αeᶻ.
 */
export function elu(alpha: number): Activation {
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    throw new RangeError(`elu: alpha must be a finite number > 0, got ${alpha}`);
  }
  return scalarActivation({
    name: `elu(${alpha})`,
    fn: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
    derivative: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
  });
}

/** What the page adds, with the source a reader would write (shown on the page). */
export const CUSTOM_ACTIVATIONS: readonly { activation: Activation; source: string }[] = [
  {
    activation: swish,
    source: `defineActivation({
  name: "swish",
  fn(z, out) { for (let i = 0; i < z.length; i++) out[i] = z[i] * sigmoidScalar(z[i]); },
  derivative(z, out) {
    for (let i = 0; i < z.length; i++) {
      const s = sigmoidScalar(z[i]);
      out[i] = s + z[i] * s * (1 - s);
    }
  },
})`,
  },
  {
    activation: softsign,
    source: `scalarActivation({
  name: "softsign",
  fn: (x) => x / (1 + Math.abs(x)),
  derivative: (x) => 1 / (1 + Math.abs(x)) ** 2,
})`,
  },
  {
    activation: elu(1),
    source: `const elu = (alpha) => scalarActivation({
  name: \`elu(\${alpha})\`,
  fn: (x) => (x > 0 ? x : alpha * Math.expm1(x)),
  derivative: (x) => (x > 0 ? 1 : alpha * Math.exp(x)),
});
registerActivation(elu(1));`,
  },
];

/**
 * Registers the page's activations. Idempotent because a module can be evaluated twice
 * (Vite's hot reload); `registerActivation` itself rightly throws on a taken name.
 */
export function registerCustomActivations(): void {
  for (const { activation } of CUSTOM_ACTIVATIONS) {
    if (!hasActivation(activation.name)) registerActivation(activation);
  }
}
