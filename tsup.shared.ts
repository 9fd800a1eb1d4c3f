import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Every library package builds the same way:
 * - ES modules only. Node ≥ 20.19 `require()`s them too (require(esm), no flag), and both
 *   ways reach the same module instances: one activation registry per process, one
 *   `sigmoid`, one `Matrix` class, whatever mix of `import` and `require` a program uses.
 * - One output file per source file (`dist/` mirrors `src/`), so a bundler keeps only the
 *   modules an import reaches ("sideEffects": false in package.json): `import { Rng }`
 *   does not carry gemm, nor the WebAssembly kernels.
 * - `.d.ts` bundled per public entry (`entries`), source maps that carry the sources,
 *   except where they map nothing (see dropUselessMaps).
 */
export function libraryBuild(entries: Record<string, string> = { index: "src/index.ts" }) {
  return defineConfig({
    entry: ["src/**/*.ts", "!src/**/*.test.ts"],
    format: ["esm"],
    dts: { entry: entries },
    sourcemap: true,
    clean: true,
    target: "node20",
    // Each file is its own entry; keepModules leaves its imports as imports.
    bundle: true,
    splitting: false,
    treeshake: false,
    esbuildPlugins: [keepModules],
    onSuccess: async () => dropUselessMaps("dist"),
  } satisfies Options);
}

/**
 * Source maps that map nothing a reader could use go, with the comments that point to them
 * (issue 16 holds `npm i @backprop/optimizers` under 2 MB, and each map is at least a 4 KB
 * disk block):
 * - linalg's `…-binary.js` files hold a WebAssembly module as one base64 string, generated
 *   from the .wat sources (the three maps weighed 71 KB);
 * - files with no statement but imports and exports (an index, a module of types only):
 *   there is no line a debugger could stop on.
 */
function dropUselessMaps(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) dropUselessMaps(path);
    else if (entry.name.endsWith(".js") && existsSync(`${path}.map`)) {
      const code = readFileSync(path, "utf8");
      if (!entry.name.endsWith("-binary.js") && hasStatements(code)) continue;
      rmSync(`${path}.map`);
      writeFileSync(path, code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
    }
  }
}

/** Whether esbuild's output has a statement other than an import, an export or a comment. */
function hasStatements(code: string): boolean {
  const rest = code
    .replace(/\/\/[^\n]*/g, "")
    .replace(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?"[^"]*";/g, "")
    .replace(/\bexport\s*(?:\*|\{[^}]*\})\s*(?:from\s*"[^"]*")?;/g, "");
  return rest.trim() !== "";
}

/**
 * esbuild resolves nothing across files: a relative import stays an import of the built
 * file (`./matrix` → `./matrix.js`, a folder → `./folder/index.js`), a `#name` import
 * stays for Node or the consumer's bundler to resolve through package.json `imports`
 * (linalg's "#shared-kernels" picks its file by platform), and a package stays a package
 * (never copied in, even from devDependencies: scripts/check-packs.mjs then reports an
 * import that `dependencies` does not declare).
 */
const keepModules: Plugin = {
  name: "keep-modules",
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const base = join(args.resolveDir, args.path);
      if (existsSync(`${base}.ts`)) return { path: `${args.path}.js`, external: true };
      if (existsSync(join(base, "index.ts")))
        return { path: `${args.path}/index.js`, external: true };
      return { errors: [{ text: `keep-modules: no ${args.path}.ts nor ${args.path}/index.ts` }] };
    });
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === "entry-point" ? undefined : { path: args.path, external: true },
    );
  },
};
