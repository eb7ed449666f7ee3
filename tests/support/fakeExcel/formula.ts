/**
 * A small Excel formula evaluator for the fake: numbers, text, TRUE/FALSE, cell and range references
 * (with sheet prefixes), + - * / ^ & and unary minus, parentheses, a few built-ins (SUM, ROUND, DATE,
 * IFERROR, IF), and any other dotted name (DUTY.TARIFF) looked up as a custom function. Errors
 * propagate as Excel's do ("#N/A", "#VALUE!"); an unknown function is #NAME?.
 */
import { Box, parseBox, splitSheet } from "./address";

export class ErrorValue {
  constructor(readonly code: string) {}
  toString(): string {
    return this.code;
  }
}

export type Scalar = number | string | boolean | null | ErrorValue;
export type Value = Scalar | Scalar[][];

export interface RefNode {
  readonly kind: "ref";
  readonly sheet: string | null;
  readonly box: Box;
}

type Node =
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "missing" }
  | RefNode
  | { readonly kind: "neg"; readonly arg: Node }
  | { readonly kind: "bin"; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Node[] };

export interface Formula {
  readonly node: Node;
  readonly refs: readonly RefNode[];
}

export interface EvalHost {
  /** Values of a box (a single cell is a 1×1 box); empty cells are null. */
  read(sheet: string | null, box: Box): Scalar[][];
  /** A custom function by its full name (DUTY.TARIFF), or undefined. */
  customFunction(name: string): ((...args: unknown[]) => unknown) | undefined;
  /** Turns what a custom function threw into an Excel error code. */
  errorCode(thrown: unknown): string;
}

// ---------------------------------------------------------------------------------------------- parsing

type Token = { t: "num"; v: number } | { t: "str"; v: string } | { t: "ref"; v: string } | { t: "name"; v: string } | { t: "op"; v: string };

const REF = /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= text.length) throw new SyntaxError("unterminated string");
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j++];
      }
      tokens.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: "num", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ref = REF.exec(rest);
    if (ref && !/^[A-Za-z0-9_.(]/.test(rest.slice(ref[0].length))) {
      tokens.push({ t: "ref", v: ref[0] });
      i += ref[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (name) {
      tokens.push({ t: "name", v: name[0] });
      i += name[0].length;
      continue;
    }
    if ("+-*/^&(),".includes(ch)) {
      tokens.push({ t: "op", v: ch });
      i++;
      continue;
    }
    throw new SyntaxError(`unexpected ${ch}`);
  }
  return tokens;
}

export function parseFormula(formula: string): Formula {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let at = 0;
  const refs: RefNode[] = [];
  const peek = () => tokens[at];
  const isOp = (v: string) => peek()?.t === "op" && peek()!.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new SyntaxError(`expected ${v}`);
    at++;
  };
  const expr = (): Node => {
    let left = term();
    while (isOp("+") || isOp("-") || isOp("&")) {
      const op = tokens[at++]!.v as string;
      left = { kind: "bin", op, left, right: term() };
    }
    return left;
  };
  const term = (): Node => {
    let left = unary();
    while (isOp("*") || isOp("/")) {
      const op = tokens[at++]!.v as string;
      left = { kind: "bin", op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Node => {
    if (isOp("-")) {
      at++;
      return { kind: "neg", arg: unary() };
    }
    if (isOp("+")) {
      at++;
      return unary();
    }
    let base = primary();
    while (isOp("^")) {
      at++;
      base = { kind: "bin", op: "^", left: base, right: primary() };
    }
    return base;
  };
  const primary = (): Node => {
    const tok = tokens[at++];
    if (!tok) throw new SyntaxError("unexpected end");
    if (tok.t === "num") return { kind: "num", value: tok.v };
    if (tok.t === "str") return { kind: "str", value: tok.v };
    if (tok.t === "ref") {
      const { sheet, local } = splitSheet(tok.v);
      const box = parseBox(local);
      if (!box) throw new SyntaxError(`bad reference ${tok.v}`);
      const node: RefNode = { kind: "ref", sheet, box };
      refs.push(node);
      return node;
    }
    if (tok.t === "name") {
      if (isOp("(")) {
        at++;
        const args: Node[] = [];
        if (!isOp(")")) {
          for (;;) {
            args.push(isOp(",") || isOp(")") ? { kind: "missing" } : expr());
            if (isOp(",")) {
              at++;
              continue;
            }
            break;
          }
        }
        expect(")");
        return { kind: "call", name: tok.v.toUpperCase(), args };
      }
      if (/^(TRUE|FALSE)$/i.test(tok.v)) return { kind: "bool", value: tok.v.toUpperCase() === "TRUE" };
      throw new SyntaxError(`unknown name ${tok.v}`);
    }
    if (tok.v === "(") {
      const inner = expr();
      expect(")");
      return inner;
    }
    throw new SyntaxError(`unexpected ${tok.v}`);
  };
  const node = expr();
  if (at !== tokens.length) throw new SyntaxError("trailing input");
  return { node, refs };
}

// ---------------------------------------------------------------------------------------------- evaluation

const NA = new ErrorValue("#N/A");
const VALUE = new ErrorValue("#VALUE!");
const NAME = new ErrorValue("#NAME?");
const DIV0 = new ErrorValue("#DIV/0!");

export function evaluate(f: Formula, host: EvalHost): Value {
  return evalNode(f.node, host, true);
}

function evalNode(node: Node, host: EvalHost, top: boolean): Value {
  switch (node.kind) {
    case "num":
      return node.value;
    case "str":
      return node.value;
    case "bool":
      return node.value;
    case "missing":
      return null;
    case "ref": {
      const cells = host.read(node.sheet, node.box);
      return node.box.rows === 1 && node.box.columns === 1 ? cells[0]![0]! : cells;
    }
    case "neg": {
      const v = scalar(evalNode(node.arg, host, false));
      if (v instanceof ErrorValue) return v;
      const n = toNumber(v);
      return n instanceof ErrorValue ? n : -n;
    }
    case "bin":
      return binary(node.op, scalar(evalNode(node.left, host, false)), scalar(evalNode(node.right, host, false)));
    case "call":
      return call(node.name, node.args, host, top);
  }
}

function scalar(v: Value): Scalar {
  return Array.isArray(v) ? (v[0]?.[0] ?? null) : v;
}

function toNumber(v: Scalar): number | ErrorValue {
  if (v instanceof ErrorValue) return v;
  if (v === null || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(v);
  return v.trim() !== "" && Number.isFinite(n) ? n : VALUE;
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (a instanceof ErrorValue) return a;
  if (b instanceof ErrorValue) return b;
  if (op === "&") return `${a ?? ""}${b ?? ""}`;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x instanceof ErrorValue) return x;
  if (y instanceof ErrorValue) return y;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? DIV0 : x / y;
    case "^":
      return x ** y;
  }
  return VALUE;
}

function call(name: string, args: readonly Node[], host: EvalHost, top: boolean): Value {
  const values = () => args.map((a) => evalNode(a, host, false));
  switch (name) {
    case "SUM": {
      let total = 0;
      for (const v of values()) {
        const cells = Array.isArray(v) ? v.flat() : [v];
        for (const c of cells) {
          if (c instanceof ErrorValue) return c;
          if (typeof c === "number") total += c;
        }
      }
      return total;
    }
    case "ROUND": {
      const [x, d] = values().map(scalar).map(toNumber);
      if (x instanceof ErrorValue) return x;
      if (d instanceof ErrorValue) return d;
      const f = 10 ** (d ?? 0);
      return Math.round((x ?? 0) * f) / f;
    }
    case "DATE": {
      const [y, m, d] = values().map(scalar).map(toNumber);
      if ([y, m, d].some((v) => v instanceof ErrorValue || v === undefined)) return VALUE;
      return Date.UTC(y as number, (m as number) - 1, d as number) / 86_400_000 + 25569;
    }
    case "IFERROR": {
      const [v, alt] = values();
      return scalar(v ?? null) instanceof ErrorValue ? (alt ?? null) : (v ?? null);
    }
    case "IF": {
      const [c, a, b] = values().map((v) => v ?? null);
      const cond = scalar(c ?? null);
      if (cond instanceof ErrorValue) return cond;
      return cond ? (a ?? true) : (b ?? false);
    }
  }
  const fn = host.customFunction(name);
  if (fn === undefined) return NAME;
  // Excel passes one argument per declared parameter: a value, or null for an omitted optional one;
  // a reference to one cell is its value (an empty cell is null, as on the web).
  const given = values().map((v) => (Array.isArray(v) && v.length === 1 && v[0]!.length === 1 ? v[0]![0]! : v));
  for (const g of given) if (g instanceof ErrorValue) return g;
  const padded = [...given];
  while (padded.length < fn.length) padded.push(null);
  let result: unknown;
  try {
    result = fn(...padded.map((v) => (Array.isArray(v) ? v.map((r) => r.map((c) => (c === null ? 0 : c))) : v)));
  } catch (e) {
    return new ErrorValue(host.errorCode(e));
  }
  if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") return new ErrorValue("#BUSY!");
  if (Array.isArray(result)) {
    const matrix = (result as unknown[][]).map((row) => row.map((c) => fromCustom(c, host)));
    return top ? matrix : (matrix[0]?.[0] ?? null);
  }
  return fromCustom(result, host);
}

function fromCustom(v: unknown, host: EvalHost): Scalar {
  if (typeof v === "number") return Number.isFinite(v) ? v : new ErrorValue("#NUM!");
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v === null || v === undefined) return 0; // Excel shows null in a returned array as 0
  if (typeof v === "object" && "code" in (v as object)) return new ErrorValue(host.errorCode(v));
  return VALUE;
}

export { NA, VALUE };
