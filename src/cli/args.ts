import { clip } from "../engine/util/clip";

/**
 * A small, strict argument parser: positional arguments, `--flag value`, `--flag=value`, repeatable
 * flags and booleans. Unknown flags are errors, so a typo never silently changes an answer.
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
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const booleans = new Set(spec.boolean ?? []);
  const values = new Set(spec.value ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${clip(name, 100)} takes no value`);
      flags.set(name, ["true"]);
    } else if (values.has(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`--${clip(name, 100)} needs a value`);
      flags.set(name, [...(flags.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${clip(name, 100)}`);
    }
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v === undefined ? undefined : v[v.length - 1];
}
