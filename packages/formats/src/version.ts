// The package's version, replaced by tsup when it builds dist/ (tsup.config.ts `define`)
// and by vitest for the tests (vitest.config.ts); the sources run any other way say "source".
// (Not an import of package.json: esbuild drops the `with { type: "json" }` Node needs.)
declare const __BACKPROP_FORMATS_VERSION__: string | undefined;

/** This package's version, written into every exported file (producer_version, generatedBy). */
export const VERSION: string =
  typeof __BACKPROP_FORMATS_VERSION__ === "string" ? __BACKPROP_FORMATS_VERSION__ : "source";
