import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { exactExp2Table, generatedTables } from "../scripts/make-math-tables.mjs";
import { EXP2_HEAD_TAIL } from "../src/math/exp2-table";

it("src/math's generated tables are what scripts/make-math-tables.mjs computes", () => {
  const tables: Record<string, string> = generatedTables();
  for (const [name, text] of Object.entries(tables)) {
    const committed = readFileSync(new URL(`../src/math/${name}`, import.meta.url), "utf8");
    expect(committed, `src/math/${name}: run node scripts/make-math-tables.mjs`).toBe(text);
  }
});

it("exp's table, built at load time, has exactly rounded heads and tails within 2⁻¹⁰⁰", () => {
  const { head, tail }: { head: number[]; tail: number[] } = exactExp2Table();
  for (let i = 0; i < 128; i++) {
    expect(EXP2_HEAD_TAIL[2 * i], `head ${i}`).toBe(head[i]);
    expect(Math.abs(EXP2_HEAD_TAIL[2 * i + 1] - tail[i]), `tail ${i}`).toBeLessThanOrEqual(
      2 ** -100,
    );
  }
});
