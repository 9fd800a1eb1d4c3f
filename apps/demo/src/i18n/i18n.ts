/**
 * The page's language: English or Chinese, chosen by the switch in the header, remembered
 * in localStorage, first guessed from the browser. `t()` gives the current table; the
 * static text of index.html is filled from it through these attributes:
 *
 *   data-i18n="key"            textContent
 *   data-i18n-html="key"       innerHTML (our own tables only: <code>, <strong>)
 *   data-i18n-attr="aria-label:key; title:key"
 *
 * Views that build text themselves redraw on `onLanguageChange`.
 */
import { en } from "./en";
import { LANGUAGES, type Language, type Messages, type StaticKey } from "./messages";
import { zh } from "./zh";

const TABLES: Record<Language, Messages> = { en, zh };
const STORAGE_KEY = "backprop-demo-language";

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  } catch {
    // Storage can be off (private mode); the browser's language decides then.
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

let language: Language = initialLanguage();
const listeners = new Set<() => void>();

export function t(): Messages {
  return TABLES[language];
}

export function currentLanguage(): Language {
  return language;
}

/** Number formatting of the current language (thousands separators). */
export function formatCount(n: number): string {
  return n.toLocaleString(language === "zh" ? "zh-CN" : "en");
}

/** Fills every data-i18n* element under `root` from the current table. */
export function translateStatic(root: ParentNode = document): void {
  const table = t();
  const text = (key: string) => {
    const value = table[key as StaticKey];
    if (typeof value !== "string") throw new Error(`no static message "${key}"`);
    return value;
  };
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n]"))
    node.textContent = text(node.dataset.i18n ?? "");
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-html]"))
    node.innerHTML = text(node.dataset.i18nHtml ?? "");
  for (const node of root.querySelectorAll<HTMLElement>("[data-i18n-attr]")) {
    for (const pair of (node.dataset.i18nAttr ?? "").split(";")) {
      const [attribute, key] = pair.split(":").map((s) => s.trim());
      if (attribute && key) node.setAttribute(attribute, text(key));
    }
  }
}

function apply(): void {
  document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
  document.title = t().pageTitle;
  translateStatic();
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]"))
    button.setAttribute("aria-pressed", String(button.dataset.language === language));
}

export function setLanguage(next: Language): void {
  language = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but still switched.
  }
  apply();
  for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

/** Applies the remembered language and wires the header's language buttons. */
export function startI18n(): void {
  apply();
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-language]")) {
    button.addEventListener("click", () => setLanguage(button.dataset.language as Language));
  }
}
