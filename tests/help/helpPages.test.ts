// The help pages: every DUTY function's helpUrl (JSDoc @helpurl, through Microsoft's generator) points at
// a page the build wrote into dist-dev/help/, and the page documents each argument; every example with a
// stated result is computed here on the embedded table. Requires `npm run build:dev`.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { IFunction } from "custom-functions-metadata";
import { DIST_DEV, requireBuild } from "../support/browser";
import { installCustomFunctionsRuntime } from "../support/customFunctionsRuntime";
import { GeneratedMetadata, associateGenerated, generateFunctionsMetadata } from "../support/functionsMetadata";
import * as fns from "../../src/functions/functions";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const help = require("../../scripts/help-pages") as {
  helpSlug(id: string): string;
  readHelpSource(): { topics: Record<string, { title: string; text: string[] }>; functions: Record<string, { examples?: Example[] }> };
  productionMetadata(text: string, fromBase: string, prodBase: string): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_BASE_URL } = require("../../scripts/manifest-urls") as { DEV_BASE_URL: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require("../../package.json") as { config: { baseUrl: string } };

interface Example {
  args: unknown[];
  result?: number;
  error?: string;
  note?: string;
}

const registry = installCustomFunctionsRuntime();
let metadata: GeneratedMetadata;

beforeAll(async () => {
  requireBuild();
  metadata = await generateFunctionsMetadata();
  expect(metadata.errors).toEqual([]);
  associateGenerated(metadata, fns as Record<string, unknown>);
});

afterAll(() => metadata?.cleanup());

const page = (id: string) => readFileSync(join(DIST_DEV, "help", `${help.helpSlug(id)}.html`), "utf8");
const decoded = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("helpUrl", () => {
  test("every function has one, at help/<function>.html under the development base URL", () => {
    for (const f of metadata.json.functions) {
      expect({ id: f.id, helpUrl: f.helpUrl }).toEqual({ id: f.id, helpUrl: `${DEV_BASE_URL}help/${help.helpSlug(f.id)}.html` });
    }
  });

  test("the built functions.json carries the same helpUrls", () => {
    const built = JSON.parse(readFileSync(join(DIST_DEV, "functions.json"), "utf8")) as { functions: IFunction[] };
    expect(built.functions.map((f) => f.helpUrl)).toEqual(metadata.json.functions.map((f) => f.helpUrl));
  });

  test("a production build points them at the production base URL (package.json config.baseUrl), as the manifest's", () => {
    const prod = JSON.parse(help.productionMetadata(JSON.stringify(metadata.json), DEV_BASE_URL, pkg.config.baseUrl)) as { functions: IFunction[] };
    for (const f of prod.functions) expect(f.helpUrl).toBe(`${pkg.config.baseUrl}help/${help.helpSlug(f.id)}.html`);
  });
});

describe("the pages in dist-dev/help", () => {
  test("exist for every function, and name it, its description and each argument", () => {
    for (const f of metadata.json.functions) {
      const file = join(DIST_DEV, "help", `${help.helpSlug(f.id)}.html`);
      expect({ id: f.id, exists: existsSync(file) }).toEqual({ id: f.id, exists: true });
      const text = decoded(page(f.id));
      expect(text).toContain(`<h1>DUTY.${f.id}</h1>`);
      expect(text).toContain(f.description!);
      for (const p of f.parameters) {
        expect({ id: f.id, argument: p.name, documented: text.includes(`<code>${p.name}</code>`) && text.includes(p.description!) }).toEqual({
          id: f.id,
          argument: p.name,
          documented: true,
        });
      }
    }
  });

  test("the index links every function's page and the sample workbook", () => {
    const index = page("index");
    for (const f of metadata.json.functions) expect(index).toContain(`href="${help.helpSlug(f.id)}.html"`);
    expect(index).toContain('href="../DutyDesk-sample.xlsx"');
  });

  test("the date rule: empty is today at calculation time, TODAY() follows the calendar", () => {
    const text = decoded(page("TARIFF"));
    expect(text).toContain("An empty date means today in US Eastern time");
    expect(text).toContain("at calculation time");
    expect(text).toContain('=DUTY.TARIFF("CN", "9503.00.00", TODAY())');
    expect(text).toContain("04/05/2025");
  });

  test("TARIFF's page has the specific-duty and conditional-layer rules", () => {
    const text = decoded(page("TARIFF"));
    expect(text).toContain("<h2>Specific and compound duties</h2>");
    expect(text).toContain("unit value=2.40/kg");
    expect(text).toContain("<h2>Conditional layers</h2>");
    expect(text).toContain("S232-UAS-ARTICLE");
  });
});

describe("the examples", () => {
  const source = help.readHelpSource();
  const cases = Object.entries(source.functions).flatMap(([id, h]) => (h.examples ?? []).map((e) => [id, e] as const));

  test("exist", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  test.each(cases)("%s %j gives what its page says", (id, e) => {
    const f = metadata.json.functions.find((x) => x.id === id)!;
    const args = f.parameters.map((_, i) => (i < e.args.length ? e.args[i] : null));
    const r = registry.invoke(id, args);
    if (e.error !== undefined) {
      expect(r).toMatchObject({ kind: "error", code: e.error });
      expect((r as { message: string }).message.length).toBeGreaterThan(0);
    } else {
      expect(r.kind).toBe("value");
      if (e.result !== undefined) expect((r as { value: unknown }).value).toBe(e.result);
    }
    // The page shows the example as typed.
    expect(decoded(page(id))).toContain(`=DUTY.${id}(`);
  });
});
