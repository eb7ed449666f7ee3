import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The house rules, as the code's own imports show them. Each folder of src/ is a layer and may import
 * only the layers listed for it; src/engine and src/formula are pure (no Office, no DOM, no network, no
 * Node built-ins). The README's "Architecture" section draws the same table.
 */
const SRC = resolve(__dirname, "..", "..", "src");

const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  requests: ["engine"],
  formula: ["engine", "requests"],
  functions: ["engine", "requests", "runtime"],
  runtime: ["engine"],
  sync: ["engine"],
  workbook: ["engine", "requests", "formula", "sync", "runtime"],
  office: ["engine", "requests", "formula", "workbook", "sync", "runtime"],
  // The pane and the functions share one runtime; the pane reads which DUTY functions the build has.
  taskpane: ["engine", "requests", "formula", "workbook", "office", "sync", "runtime", "functions"],
  tablebuild: ["engine"],
  cli: ["engine", "requests", "tablebuild"],
  types: [],
};

/** Layers that must run anywhere: in Excel's JavaScript-only runtime, the task pane and Node alike. */
const PURE = new Set(["engine", "formula", "requests"]);
const IMPURE = /^(node:|fs$|path$|os$|child_process$|http|https$|zlib$|crypto$)|office-js|@microsoft\/office/;
const GLOBALS = /\b(Excel\.run|Office\.|document\.|window\.|fetch\(|XMLHttpRequest|localStorage)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) out.push(m[1]!);
  return out;
}

const layerOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!;

describe("layers", () => {
  const all = files(SRC);

  it("every folder of src/ is a known layer", () => {
    expect([...new Set(all.map(layerOf))].filter((l) => !(l in ALLOWED))).toEqual([]);
  });

  it("each layer imports only the layers it may", () => {
    const wrong: string[] = [];
    for (const file of all) {
      const from = layerOf(file);
      for (const spec of imports(readFileSync(file, "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) continue; // data/, scripts/: build inputs, checked by the build
        const to = layerOf(target);
        if (to !== from && !ALLOWED[from]!.includes(to)) wrong.push(`${relative(SRC, file)} imports ${to} (${spec})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the pure layers use no Office, DOM, network or Node built-in", () => {
    const wrong: string[] = [];
    for (const file of all.filter((f) => PURE.has(layerOf(f)))) {
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const spec of imports(text)) if (IMPURE.test(spec)) wrong.push(`${relative(SRC, file)} imports ${spec}`);
      const g = GLOBALS.exec(text);
      if (g) wrong.push(`${relative(SRC, file)} uses ${g[1]}`);
    }
    expect(wrong).toEqual([]);
  });
});
