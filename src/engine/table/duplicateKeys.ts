/**
 * Finds the first key that appears twice in one JSON object, anywhere in a document.
 *
 * JSON.parse keeps the last of two equal keys and says nothing, so a release could show a reviewer
 * `"add": "10"` and load `"add": "25"` from a second key further down the same object. A release file is
 * reviewed as text; the value a reviewer reads must be the value loaded, so a duplicate is refused.
 *
 * A JSON.parse reviver cannot see duplicates (it is called once per key of the already-merged object), so
 * this is a second pass over the text. It runs only on text that JSON.parse has accepted, so it tracks
 * structure and nothing else: strings are skipped with indexOf, and a key with an escape is decoded with
 * JSON.parse so that "a" and "\u0061" count as the same key. About 3 ms for the 1 MB table.
 */
export interface DuplicateKey {
  /** JSON path of the second occurrence, e.g. `$.measures[12].rate.add`. */
  readonly path: string;
  readonly key: string;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

interface Frame {
  /** null for an array. */
  keys: Set<string> | null;
  /** Object: the current member's key. Array: the current element's index. */
  key: string;
  index: number;
  expectKey: boolean;
}

export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let top: Frame | null = null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // The closing quote is the first one preceded by an even number of backslashes.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null; // not reachable on text JSON.parse accepted
        let b = q - 1;
        while (text.charCodeAt(b) === BACKSLASH) b--;
        j = q;
        if ((q - 1 - b) % 2 === 0) break;
        j = q + 1;
      }
      if (top !== null && top.keys !== null && top.expectKey) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (top.keys.has(key)) return { path: pathOf(stack) + member(key), key };
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      top = { keys: c === OPEN_BRACE ? new Set() : null, key: "", index: 0, expectKey: c === OPEN_BRACE };
      stack.push(top);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      stack.pop();
      top = stack.length > 0 ? stack[stack.length - 1]! : null;
    } else if (c === COMMA && top !== null) {
      if (top.keys !== null) top.expectKey = true;
      else top.index++;
    }
    i++;
  }
  return null;
}

function pathOf(stack: readonly Frame[]): string {
  let path = "$";
  // Every frame but the last (the object holding the duplicate) contributes its current member.
  for (let k = 0; k < stack.length - 1; k++) {
    const f = stack[k]!;
    path += f.keys === null ? `[${f.index}]` : member(f.key);
  }
  return path;
}

function member(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 40 ? key.slice(0, 40) + "…" : key)}]`;
}
