/**
 * The shape every language's table has: the English table's keys, each a string or a
 * function with the same parameters. A table missing a key (or with a wrong signature)
 * fails `tsc`, so no visible string can be left untranslated.
 */
import type { en } from "./en";

type English = typeof en;

export type Messages = {
  readonly [K in keyof English]: English[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : string;
};

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Static keys: those index.html names in data-i18n attributes (plain strings only). */
export type StaticKey = {
  [K in keyof Messages]: Messages[K] extends string ? K : never;
}[keyof Messages];
