// `pnpm backprop …` (the root script) runs in the repository's root, whatever folder the
// user typed it in; pnpm and npm pass that folder as INIT_CWD. Going there first makes
// relative paths (--save model.json, a dataset folder) mean what the user meant.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import("../apps/cli/dist/cli.js");
