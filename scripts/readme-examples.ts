import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { format } from "node:util";

/**
 * The ```ts code blocks of a README, each rewritten to import the workspace's sources
 * instead of the published package names, written to a temporary module and imported,
 * so a README example that stops working fails the tests. Returns what each block logged.
 */
export async function runReadmeExamples(
  readmePath: string,
  packageSources: Record<string, string>,
): Promise<string[][]> {
  const text = readFileSync(readmePath, "utf8");
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length === 0) throw new Error(`${readmePath} has no \`\`\`ts example`);
  const dir = join(dirname(readmePath), ".readme-examples");
  mkdirSync(dir, { recursive: true });
  const logs: string[][] = [];
  const originalLog = console.log;
  try {
    for (const [index, block] of blocks.entries()) {
      let source = block;
      for (const [name, path] of Object.entries(packageSources)) {
        source = source.replaceAll(`"${name}"`, JSON.stringify(path));
      }
      const file = join(dir, `example-${index}-${Date.now()}.ts`);
      writeFileSync(file, `${source}\nexport {};\n`);
      const lines: string[] = [];
      console.log = (...args: unknown[]) => lines.push(format(...args));
      await import(/* @vite-ignore */ file);
      logs.push(lines);
    }
  } finally {
    console.log = originalLog;
    rmSync(dir, { recursive: true, force: true });
  }
  return logs;
}
