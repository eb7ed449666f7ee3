import { parseArgs as tokenize } from "node:util";
import { clip } from "../engine/util/clip";

/**
 * The command line, read strictly: positional arguments, `--flag value`, `--flag=value`, repeatable
 * flags and booleans. Unknown flags are errors, so a typo never silently changes an answer.
 *
 * Node's own `util.parseArgs` splits the words (`--flag=value`, a value taken from the next word, `--`
 * ending the flags); this module only decides what is allowed, because parseArgs' strict mode would accept
 * `--in --raw` as the value "--raw" and words its errors differently from the rest of the CLI.
 */
export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

export interface FlagSpec {
  readonly boolean?: readonly string[];
  readonly value?: readonly string[];
}

export class UsageError extends Error {}

/** Refuses positional arguments past the `max` a command takes, naming the first extra one. */
export function refuseExtraPositionals(args: ParsedArgs, command: string, names: readonly string[]): void {
  const extra = args.positional[names.length];
  if (extra === undefined) return;
  const takes = names.length === 0 ? "takes no positional arguments" : `takes at most ${names.length} (${names.join(", ")})`;
  throw new UsageError(`unexpected argument "${clip(extra, 100)}": ${command} ${takes}`);
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const booleans = new Set(spec.boolean ?? []);
  const values = new Set(spec.value ?? []);
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {};
  for (const name of booleans) options[name] = { type: "boolean" };
  for (const name of values) options[name] = { type: "string", multiple: true };
  // Not strict: every word becomes a token, and the checks below give the errors.
  const { tokens } = tokenize({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });

  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let lastShort = -1;
  for (const token of tokens) {
    if (token.kind === "positional") {
      positional.push(token.value);
    } else if (token.kind === "option") {
      if (!token.rawName.startsWith("--")) {
        // A single-dash word (`-`, `-5`, `-x`): the CLI has no short flags, so it stays a positional
        // argument, whole (parseArgs splits `-ab` into two tokens of the same word).
        if (token.index !== lastShort) positional.push(argv[token.index]!);
        lastShort = token.index;
        continue;
      }
      const name = token.name;
      if (booleans.has(name)) {
        if (token.inlineValue) throw new UsageError(`--${clip(name, 100)} takes no value`);
        flags.set(name, ["true"]);
      } else if (values.has(name)) {
        // `--in --out x`: parseArgs takes "--out" as the value; a flag is never a value unless written `--in=--out`.
        const value = token.value;
        if (value === undefined || (!token.inlineValue && value.startsWith("--"))) throw new UsageError(`--${clip(name, 100)} needs a value`);
        flags.set(name, [...(flags.get(name) ?? []), value]);
      } else {
        throw new UsageError(`unknown option --${clip(name, 100)}`);
      }
    }
    // option-terminator (`--`): what follows is positional, as parseArgs already decided.
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === undefined ? undefined : v[v.length - 1];
}
