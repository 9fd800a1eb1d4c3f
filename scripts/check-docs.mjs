#!/usr/bin/env node
// Checks the API reference that `pnpm docs` builds (typedoc.json), without writing it:
//
//   1. typedoc.json documents every public entry point: for every package under packages/
//      that is not private, each "exports" entry (its "@backprop/source" file) is one of
//      typedoc.json's entryPoints, and the package is in packagesRequiringDocumentation
//      (so a new package or entry cannot slip out of the reference unnoticed);
//   2. every exported symbol has a doc comment, as TypeDoc's `validation.notDocumented`
//      judges it (functions, classes, interfaces, type aliases, variables, and their
//      properties, methods and accessors): the warnings that make `pnpm docs` fail;
//   3. prints the coverage per package: top-level exports documented / exported, and the
//      same over every symbol TypeDoc wants documented (members included).
//
// Usage: node scripts/check-docs.mjs [--json] [--out DIR]   (exit 1 when 1 or 2 fails)
// `--json` prints { entryProblems, undocumented, coverage } for the test (scripts/docs.test.ts);
// `--out DIR` also writes the HTML reference there (`pnpm docs` writes it to docs/api).

import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import {
  Application,
  DeclarationReflection,
  LogLevel,
  ReferenceReflection,
  ReflectionKind,
  ReflectionType,
} from "typedoc";

const root = fileURLToPath(new URL("..", import.meta.url));
const json = process.argv.includes("--json");
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : undefined;
process.chdir(root);

/** Problems with typedoc.json's entry points, one sentence each. */
function checkEntryPoints(config) {
  const problems = [];
  const entries = new Set(config.entryPoints);
  for (const dir of readdirSync(join(root, "packages"))) {
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    } catch {
      continue; // not a package (yet)
    }
    if (manifest.private || !manifest.exports) continue;
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (subpath === "./package.json") continue;
      const source = typeof target === "object" ? target["@backprop/source"] : undefined;
      if (typeof source !== "string") {
        problems.push(`${manifest.name} "${subpath}" has no "@backprop/source" file to document`);
        continue;
      }
      const file = join("packages", dir, source).split("\\").join("/");
      if (!entries.has(file)) {
        problems.push(`typedoc.json entryPoints lacks ${file} (${manifest.name} "${subpath}")`);
      }
    }
    if (!config.packagesRequiringDocumentation?.includes(manifest.name)) {
      problems.push(`typedoc.json packagesRequiringDocumentation lacks ${manifest.name}`);
    }
  }
  for (const file of entries) {
    if (!file.startsWith("packages/")) continue;
    try {
      readFileSync(join(root, file));
    } catch {
      problems.push(`typedoc.json names ${file}, which does not exist`);
    }
  }
  return problems;
}

/**
 * Every reflection TypeDoc's notDocumented check looks at, with whether it has a comment:
 * the same walk as TypeDoc's validateDocumentation (signatures stand for their function,
 * a type literal for its alias, nothing inside a parameter), so the totals match its
 * warnings.
 */
function requiredReflections(project, requiredKinds) {
  let kinds = requiredKinds.reduce((all, name) => all | ReflectionKind[name], 0);
  if (kinds & ReflectionKind.FunctionOrMethod) {
    kinds = (kinds | ReflectionKind.CallSignature) & ~ReflectionKind.FunctionOrMethod;
  }
  if (kinds & ReflectionKind.Accessor) {
    kinds =
      (kinds | ReflectionKind.GetSignature | ReflectionKind.SetSignature) &
      ~ReflectionKind.Accessor;
  }
  const queue = project.getReflectionsByKind(kinds);
  const seen = new Set();
  const result = [];
  outer: while (queue.length) {
    const ref = queue.shift();
    if (seen.has(ref)) continue;
    seen.add(ref);
    for (let r = ref.parent; r; r = r.parent)
      if (r.kindOf(ReflectionKind.Parameter)) continue outer;
    if (ref.kindOf(ReflectionKind.TypeLiteral) && ref.parent?.kindOf(ReflectionKind.TypeAlias)) {
      queue.push(ref.parent);
      continue;
    }
    if (
      ref.kindOf(ReflectionKind.CallSignature) &&
      ref.parent?.kindOf(ReflectionKind.TypeLiteral)
    ) {
      queue.push(ref.parent.parent);
      continue;
    }
    if (ref instanceof DeclarationReflection) {
      const signatures =
        ref.type instanceof ReflectionType
          ? ref.type.declaration.getNonIndexSignatures()
          : ref.getNonIndexSignatures();
      if (signatures.length) {
        queue.push(...signatures);
        if (ref.kindOf(ReflectionKind.SignatureContainer)) continue;
      }
    }
    const symbol = project.getSymbolIdFromReflection(ref);
    if (!symbol) continue;
    const documented =
      ref.hasComment() || (ref.kindOf(ReflectionKind.SomeSignature) && ref.parent?.hasComment());
    result.push({ ref, packageName: symbol.packageName, documented });
  }
  return result;
}

/** Whether a top-level export has a comment (a function's may sit on its signature). */
function topLevelDocumented(ref) {
  // A re-export of another package's symbol (datasets' batches, from linalg) is that symbol.
  if (ref instanceof ReferenceReflection) ref = ref.getTargetReflectionDeep();
  if (ref.hasComment()) return true;
  const signatures =
    ref.type instanceof ReflectionType
      ? ref.type.declaration.getNonIndexSignatures()
      : (ref.getNonIndexSignatures?.() ?? []);
  return signatures.some((s) => s.hasComment());
}

const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8"));
const entryProblems = checkEntryPoints(config);

const app = await Application.bootstrapWithPlugins({ options: join(root, "typedoc.json") });
const warnings = [];
const log = app.logger.log.bind(app.logger);
app.logger.log = (message, level) => {
  // Collect the validation warnings instead of printing them; anything else goes to
  // stderr, so that stdout holds only the report.
  if (/does not have any documentation|intentionally not documented/.test(message)) {
    warnings.push(stripVTControlCharacters(message).replace(/^\[warning\] /, ""));
    return;
  }
  if (level >= LogLevel.Warn) log(message, level);
};
const project = await app.convert();
if (!project) {
  console.error("check-docs: TypeDoc could not convert the packages (see above)");
  process.exit(1);
}
app.validate(project);
if (out) await app.generateDocs(project, out);

const coverage = {};
const row = (name) => {
  coverage[name] ??= { exports: 0, exportsDocumented: 0, symbols: 0, symbolsDocumented: 0 };
  return coverage[name];
};
for (const module of project.children ?? []) {
  const packageName = module.name.split("/").slice(0, 2).join("/");
  for (const child of module.children ?? []) {
    const r = row(packageName);
    r.exports++;
    if (topLevelDocumented(child)) r.exportsDocumented++;
  }
}
for (const { ref, packageName, documented } of requiredReflections(
  project,
  app.options.getValue("requiredToBeDocumented"),
)) {
  if (!config.packagesRequiringDocumentation.includes(packageName)) continue;
  if (config.intentionallyNotDocumented?.includes(ref.getFriendlyFullName())) continue;
  const r = row(packageName);
  r.symbols++;
  if (documented) r.symbolsDocumented++;
}

// "@backprop/linalg.Matrix.rows (Property), defined in @backprop/linalg/src/matrix.ts, does
// not have any documentation" → "@backprop/linalg: Matrix.rows (Property) in src/matrix.ts"
const undocumented = warnings.map((w) => {
  const m = /^(.*) \((\w+)\), defined in (@[^/]+\/[^/]+)\/(.*), does not have/.exec(w);
  return m
    ? `${m[3]}: ${m[1].replace(/^@backprop\/[\w-]+(\/[\w-]+)?\./, "")} (${m[2]}) in ${m[4]}`
    : w;
});

if (json) {
  console.log(JSON.stringify({ entryProblems, undocumented, coverage }, null, 2));
} else {
  const percent = (a, b) => (b === 0 ? "-" : `${Math.round((100 * a) / b)}%`);
  console.log("package                  exports documented      all symbols documented");
  for (const [name, r] of Object.entries(coverage)) {
    const exports = `${r.exportsDocumented}/${r.exports} (${percent(r.exportsDocumented, r.exports)})`;
    const all = `${r.symbolsDocumented}/${r.symbols} (${percent(r.symbolsDocumented, r.symbols)})`;
    console.log(`${name.padEnd(24)} ${exports.padEnd(23)} ${all}`);
  }
  for (const p of entryProblems) console.error(`entry point: ${p}`);
  for (const u of undocumented) console.error(`undocumented: ${u}`);
  if (entryProblems.length || undocumented.length) {
    console.error(
      `\n${undocumented.length} exported symbols lack a doc comment, ${entryProblems.length} entry point problems (${relative(process.cwd(), join(root, "typedoc.json"))})`,
    );
  }
}
process.exitCode = entryProblems.length || undocumented.length ? 1 : 0;
