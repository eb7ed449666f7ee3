import { CellRef, parseCellRef } from "./a1";

/**
 * Reads the simple DUTY formulas the task pane can re-evaluate itself: a whole-cell call such as
 * =DUTY.TARIFF("CN", B5, $C$2) whose arguments are literals or single-cell references. Anything else
 * (a DUTY call inside a larger formula, a range, a nested function) is reported as not evaluable, with
 * the reason, rather than guessed.
 */
export type FormulaArg =
  | { readonly kind: "omitted" }
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  | { readonly kind: "ref"; readonly ref: CellRef; readonly text: string };

export type ParsedDutyFormula =
  | { readonly ok: true; readonly fn: string; readonly args: readonly FormulaArg[] }
  | { readonly ok: false; readonly fn: string | null; readonly reason: string };

const DUTY_CALL = /\bDUTY\.([A-Z][A-Z0-9_.]*)\s*\(/i;

export function mentionsDuty(formula: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && /\bDUTY\.[A-Z]/i.test(formula);
}

export function parseDutyFormula(formula: string): ParsedDutyFormula {
  const body = formula.trim().replace(/^=\s*/, "");
  const m = /^DUTY\.([A-Z][A-Z0-9_.]*)\s*\(([\s\S]*)\)\s*$/i.exec(body);
  if (!m) {
    const inner = DUTY_CALL.exec(body);
    return { ok: false, fn: inner ? inner[1]!.toUpperCase() : null, reason: "the DUTY call is part of a larger formula" };
  }
  const fn = m[1]!.toUpperCase();
  const parts = splitArgs(m[2]!);
  if (parts === null) return { ok: false, fn, reason: "the formula has nested calls or unbalanced quotes" };
  const args: FormulaArg[] = [];
  for (const raw of parts) {
    const arg = readArg(raw);
    if (arg === null) return { ok: false, fn, reason: `the argument ${raw.trim().slice(0, 40)} is an expression, not a value or a cell` };
    args.push(arg);
  }
  // DUTY.VERSION() has no arguments: "()" splits into one empty part.
  if (args.length === 1 && args[0]!.kind === "omitted" && m[2]!.trim() === "") args.length = 0;
  return { ok: true, fn, args };
}

/** Splits on top-level commas; null when a parenthesis appears outside a string (a nested call). */
function splitArgs(text: string): string[] | null {
  const parts: string[] = [];
  let current = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      current += ch;
      if (ch === '"') {
        if (text[i + 1] === '"') current += text[++i];
        else inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      current += ch;
    } else if (ch === "(" || ch === ")" || ch === "{" || ch === "}") {
      return null;
    } else if (ch === ",") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (inString) return null;
  parts.push(current);
  return parts;
}

function readArg(raw: string): FormulaArg | null {
  const t = raw.trim();
  if (t === "") return { kind: "omitted" };
  if (/^"(?:[^"]|"")*"$/.test(t)) return { kind: "literal", value: t.slice(1, -1).replace(/""/g, '"') };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { kind: "literal", value: Number(t) };
  if (/^(TRUE|FALSE)$/i.test(t)) return { kind: "literal", value: t.toUpperCase() === "TRUE" };
  const ref = parseCellRef(t);
  return ref === null ? null : { kind: "ref", ref, text: t };
}
