import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zh } from "./zh";

const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");

/** Every key index.html names in data-i18n, data-i18n-html and data-i18n-attr. */
function staticKeys(): string[] {
  const keys = [...html.matchAll(/data-i18n(?:-html)?="([^"]+)"/g)].map((m) => m[1]);
  for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) {
    for (const pair of m[1].split(";")) keys.push(pair.split(":")[1].trim());
  }
  return keys;
}

describe("the message tables and index.html", () => {
  it("has a plain string in both languages for every key index.html names", () => {
    const keys = staticKeys();
    expect(keys.length).toBeGreaterThan(60);
    for (const key of keys) {
      expect(typeof en[key as keyof typeof en], key).toBe("string");
      expect(typeof zh[key as keyof typeof zh], key).toBe("string");
    }
  });

  it("index.html's English first-paint text is the table's text", () => {
    for (const m of html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]+)</g)) {
      expect(m[2].trim(), m[1]).toBe(en[m[1] as keyof typeof en]);
    }
  });

  it("the Chinese table differs from the English one wherever there are words", () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => typeof en[k] === "string" && en[k] === zh[k] && /[a-z]{3}/.test(en[k] as string),
    );
    expect(same).toEqual([]);
  });
});
