import { type DoubleDouble, multiply, squareRoot } from "./double-double";

/**
 * 2^(i/128) for i = 0…127, as exp's table: at 2i the head (2^(i/128) rounded to a double),
 * at 2i + 1 the tail (2^(i/128) − head)/head, so that 2^(i/128) = head·(1 + tail).
 *
 * Built when the module loads rather than shipped as 256 literals (5 KB of every bundle
 * that uses an activation): in double-double arithmetic (a value as an unevaluated sum
 * hi + lo of two doubles, ~106 bits), from 2^(1/2), 2^(1/4), …, 2^(1/128) by repeated
 * square roots and a product per bit of i. Only +, −, ×, ÷ and Math.sqrt are used, all
 * correctly rounded by IEEE 754, so every engine builds the same table. The heads are the
 * correctly rounded ones, and the tails within 2⁻¹⁰⁰ of exact, which
 * test/math-tables.test.ts checks against scripts/make-math-tables.mjs's exact integer
 * arithmetic (exp needs the tail to about 2⁻⁶⁰).
 */
function buildTable(): Float64Array {
  const roots: DoubleDouble[] = []; // roots[j] = 2^(1/2^(j+1))
  let root: DoubleDouble = [2, 0];
  for (let j = 0; j < 7; j++) {
    root = squareRoot(root);
    roots.push(root);
  }
  const table = new Float64Array(256);
  for (let i = 0; i < 128; i++) {
    let value: DoubleDouble = [1, 0];
    for (let j = 0; j < 7; j++) if ((i >> (6 - j)) & 1) value = multiply(value, roots[j]);
    table[2 * i] = value[0];
    table[2 * i + 1] = value[1] / value[0];
  }
  return table;
}

/** The table (see the top of this file), built once when the module loads. */
export const EXP2_HEAD_TAIL = buildTable();
