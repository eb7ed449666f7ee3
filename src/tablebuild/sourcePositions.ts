import { isAbsolute, relative } from "node:path";
import { LineCounter, Node, isCollection, isNode, parseDocument } from "yaml";
import { parseJsonPath } from "../engine/table/problems";

/**
 * Where in data/source a part of the built table came from, so that a validation problem of the table
 * (`$.measures[57].rate: …`) can name the YAML file and line of the offending row:
 * `data/source/us/s232-drones.yaml:123: $.measures[57].rate: …`.
 *
 * The build registers, for each row it copies into the document, the document path of the row and the
 * YAML node it came from. A problem's path is resolved to the longest registered prefix, and then as deep
 * into the row's YAML as the same keys go (a field the build computed, like a list's codes, resolves to its
 * row).
 */
export interface SourceFile {
  /** As shown in messages: relative to the working directory when inside it. */
  readonly name: string;
  readonly data: unknown;
  readonly root: unknown;
  readonly lines: LineCounter;
}

export class BuildSourceError extends Error {}

export function readSourceFile(path: string, text: string): SourceFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const name = displayName(path);
  const first = doc.errors[0];
  if (first !== undefined) throw new BuildSourceError(`${name}:${lines.linePos(first.pos[0]).line}: ${first.message}`);
  for (const w of doc.warnings) console.warn(`${name}:${lines.linePos(w.pos[0]).line}: ${w.message}`);
  return { name, data: doc.toJS(), root: doc.contents, lines };
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

type Segment = string | number;
interface Origin {
  readonly file: SourceFile;
  readonly node: unknown;
}

export class SourcePositions {
  private readonly origins = new Map<string, Origin>();

  /** The document part at `path` came from `node` (a YAML node of `file`). */
  register(path: readonly Segment[], file: SourceFile, node: unknown): void {
    if (isNode(node)) this.origins.set(JSON.stringify(path), { file, node });
  }

  /** The document part at `path` came from where the part registered at `from` came from. */
  alias(path: readonly Segment[], from: readonly Segment[]): void {
    const origin = this.origins.get(JSON.stringify(from));
    if (origin !== undefined) this.origins.set(JSON.stringify(path), origin);
  }

  /** The YAML node at `path` (keys and indexes, as in the data) under `node`, if the file has it. */
  static child(node: unknown, path: readonly Segment[]): unknown {
    return isCollection(node) ? node.getIn(path, true) : undefined;
  }

  /** "file:line" of the document path, or null when it came from no registered row. */
  locate(path: readonly Segment[]): string | null {
    for (let n = path.length; n >= 0; n--) {
      const origin = this.origins.get(JSON.stringify(path.slice(0, n)));
      if (origin === undefined) continue;
      let node = origin.node;
      const rest = path.slice(n);
      for (let k = rest.length; k > 0; k--) {
        const deeper = SourcePositions.child(origin.node, rest.slice(0, k));
        if (isNode(deeper)) {
          node = deeper;
          break;
        }
      }
      const offset = (node as Node).range?.[0];
      return offset === undefined ? origin.file.name : `${origin.file.name}:${origin.file.lines.linePos(offset).line}`;
    }
    return null;
  }

  /** A validation problem (`$.path: message`) prefixed with where its row is written. */
  locateProblem(problem: string): string {
    const parsed = parseJsonPath(problem);
    const where = parsed === null ? null : this.locate(parsed.path);
    return where === null ? problem : `${where}: ${problem}`;
  }
}
