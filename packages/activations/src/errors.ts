/** Thrown when an activation or cost definition is malformed (missing function, bad name). */
export class InvalidDefinitionError extends Error {
  /** "InvalidDefinitionError", for `error.name` checks and logs. */
  override readonly name = "InvalidDefinitionError";
}

/** Thrown by `register…` when the name is taken; registries never silently replace. */
export class DuplicateNameError extends Error {
  /** "DuplicateNameError", for `error.name` checks and logs. */
  override readonly name = "DuplicateNameError";
}

/** Thrown by `get…` for a name nobody registered; the message lists the known names. */
export class UnknownNameError extends Error {
  /** "UnknownNameError", for `error.name` checks and logs. */
  override readonly name = "UnknownNameError";
  constructor(
    /** Which registry was asked. */
    readonly kind: "activation" | "cost",
    /** The name asked for, as given (the message quotes it cut to 60 characters). */
    readonly requested: string,
    /** The names that registry (and any `extra` list) knew at the time. */
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
