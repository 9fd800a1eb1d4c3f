/** Thrown when an activation or cost definition is malformed (missing function, bad name). */
export class InvalidDefinitionError extends Error {
  override readonly name = "InvalidDefinitionError";
}

/** Thrown by `register…` when the name is taken; registries never silently replace. */
export class DuplicateNameError extends Error {
  override readonly name = "DuplicateNameError";
}

/** Thrown by `get…` for a name nobody registered; the message lists the known names. */
export class UnknownNameError extends Error {
  override readonly name = "UnknownNameError";
  constructor(
    readonly kind: "activation" | "cost",
    readonly requested: string,
    readonly known: readonly string[],
  ) {
    const register = kind === "activation" ? "registerActivation" : "registerCost";
    const define = kind === "activation" ? "defineActivation" : "defineCost";
    // The name may come from a file: quoted with control characters escaped, and cut short.
    const quoted = JSON.stringify(requested.length > 60 ? `${requested.slice(0, 60)}…` : requested);
    super(
      `unknown ${kind} ${quoted}. Known ${kind}s: ${known.join(", ")}. ` +
        `To use your own, create it with ${define}({ name: ${quoted}, … }) and pass it ` +
        `to ${register}(…) before using its name (or pass it in directly).`,
    );
  }
}
