import { z } from "zod";
import { clip } from "../util/clip";

/**
 * How a validation problem is said: `$.measures[3].rate.add: "1O" is not well-formed`, a JSON path and
 * what is wrong there. Every problem, from the schema (zod) or from the cross-reference checks, passes
 * through one error map, which words it and counts it.
 */
export const MAX_PROBLEMS = 50;

export function jsonPath(path: readonly (string | number)[]): string {
  let out = "$";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(clip(p))}]`;
  }
  return out;
}

/**
 * The inverse of jsonPath at the start of a problem: `$.measures[3].rate: …` → ["measures", 3, "rate"]
 * and the rest. Null when the problem does not start with a path (a compile-time problem of the table).
 */
export function parseJsonPath(problem: string): { path: (string | number)[]; rest: string } | null {
  if (!problem.startsWith("$")) return null;
  const path: (string | number)[] = [];
  let i = 1;
  for (;;) {
    const member = /^\.([A-Za-z_$][A-Za-z0-9_$]*)/.exec(problem.slice(i));
    if (member) {
      path.push(member[1]!);
      i += member[0].length;
      continue;
    }
    const index = /^\[(\d+)\]/.exec(problem.slice(i));
    if (index) {
      path.push(Number(index[1]));
      i += index[0].length;
      continue;
    }
    const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(problem.slice(i));
    if (quoted) {
      path.push(JSON.parse(quoted[1]!) as string);
      i += quoted[0].length;
      continue;
    }
    break;
  }
  return problem.startsWith(": ", i) ? { path, rest: problem.slice(i + 2) } : null;
}

/** Thrown out of a parse once MAX_PROBLEMS are known; caught by `ProblemCollector.run`. */
class EnoughProblems extends Error {}

/**
 * Collects the first MAX_PROBLEMS problems of one validation and then stops it. Stopping matters: zod
 * keeps every issue it finds, and a hostile 16 MB release of wrong-typed codes would otherwise make
 * millions of them; the hand-written validator this replaced also kept only the first 50.
 *
 * This works because the schema never uses z.union (whose losing branches make issues that are then
 * thrown away): choices between shapes are made by `choice` in schemaFields.ts, which parses one branch.
 */
export class ProblemCollector {
  readonly problems: string[] = [];

  readonly errorMap: z.ZodErrorMap = (issue, ctx) => {
    const messages = describe(issue, ctx.data);
    for (const message of messages) {
      this.problems.push(`${jsonPath(issue.path)}: ${message}`);
      if (this.problems.length >= MAX_PROBLEMS) throw new EnoughProblems();
    }
    return { message: messages.join("; ") };
  };

  /** Runs a parse that uses `errorMap`; returns false when it was stopped at MAX_PROBLEMS. */
  run(parse: () => void): boolean {
    try {
      parse();
      return true;
    } catch (e) {
      if (e instanceof EnoughProblems) return false;
      throw e;
    }
  }
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  object: "an object",
  array: "an array",
  number: "an integer", // every number in a table is an integer (indexes, priorities, fiscal years)
  integer: "an integer",
  boolean: "true or false",
};

function describe(issue: z.ZodIssueOptionalMessage, data: unknown): string[] {
  switch (issue.code) {
    case "custom":
      return [String((issue.params as { message?: unknown } | undefined)?.message ?? "is not valid")];
    case "invalid_type":
      return [`expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`];
    case "invalid_literal":
      return [`expected ${JSON.stringify(issue.expected)}`];
    case "invalid_enum_value":
      return [`expected ${alternatives(issue.options.map(String))}`];
    case "unrecognized_keys":
      // Refused, not ignored: a misspelt optional field ("column2s", "waivedby") would otherwise vanish
      // without a word, and a reviewer would believe it in force.
      return issue.keys.map((k) => `unknown ${issue.path.length === 0 ? "top-level " : ""}key ${JSON.stringify(clip(k))}`);
    case "too_big":
      if (issue.type === "string") return [`is ${String(data).length} characters long; at most ${String(issue.maximum)} allowed`];
      return [`is too big (at most ${String(issue.maximum)})`];
    case "invalid_string":
      return [`${JSON.stringify(clip(String(data), 60))} is not well-formed`];
    default:
      return [`is not valid (${issue.code})`];
  }
}

/** "a", "a or b", "a, b or c". */
export function alternatives(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
