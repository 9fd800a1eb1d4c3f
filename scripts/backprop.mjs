// `pnpm backprop …` (the root script) runs in the repository's root, whatever folder the
// user typed it in; pnpm and npm pass that folder as INIT_CWD. Going there first makes
// relative paths (--save model.json, a dataset folder) mean what the user meant.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: a root script, not a turbo task
const from = process.env.INIT_CWD;
if (from) process.chdir(from);
await import("../apps/cli/dist/cli.js");
