// The DUTY functions' help pages, built into dist*/help/ by webpack (HelpPagesPlugin, webpack.config.js).
//
// One source: each function's description and arguments come from the functions.json that Microsoft's
// generator makes from the JSDoc in src/functions/functions.ts (the same text Excel shows in its formula
// tooltips); examples, errors and topics come from help/functions.yaml. Each function's helpUrl (JSDoc
// @helpurl) points at help/<slug>.html under the development base URL; production builds rewrite it to
// the production base, as they do the manifest's URLs.
"use strict";

const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const { rewriteManifestUrls } = require("./manifest-urls");

const HELP_SOURCE = path.resolve(__dirname, "..", "help", "functions.yaml");
const MANIFEST = path.resolve(__dirname, "..", "manifest.xml");
/** The functions' namespace, as the manifest declares it (Excel prefixes every function id with it). */
const NAMESPACE = (() => {
  const m = /<bt:String id="Functions\.Namespace" DefaultValue="([A-Z][A-Z0-9]*)"\s*\/>/.exec(fs.readFileSync(MANIFEST, "utf8"));
  if (!m) throw new Error(`${MANIFEST}: no Functions.Namespace string`);
  return m[1];
})();
const SAMPLE_WORKBOOK = "DutyDesk-sample.xlsx";

/** DUTY.LANDED.DUTY -> landed-duty.html: one page per function id, as the JSDoc @helpurl names it. */
function helpSlug(id) {
  return id.toLowerCase().replace(/\./g, "-");
}

function readHelpSource(file = HELP_SOURCE) {
  const doc = YAML.parse(fs.readFileSync(file, "utf8"));
  if (!doc || typeof doc.topics !== "object" || typeof doc.functions !== "object") throw new Error(`${file}: needs topics and functions`);
  return doc;
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** An example's arguments as Excel would show them typed: text quoted, omitted ones empty. */
function formulaText(id, args) {
  const scalar = (a) => (a === null ? "" : typeof a === "string" ? `"${a.replace(/"/g, '""')}"` : String(a));
  // A range argument is shown as Excel's array constant: columns by commas, rows by semicolons.
  const shown = args.map((a) => (Array.isArray(a) ? `{${a.map((row) => row.map(scalar).join(",")).join(";")}}` : scalar(a)));
  while (shown.length > 0 && shown[shown.length - 1] === "") shown.pop();
  return `=${NAMESPACE}.${id}(${shown.join(", ")})`;
}

function syntax(fn) {
  const params = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=${NAMESPACE}.${fn.id}(${params.join(", ")})`;
}

const STYLE = `body{font:15px/1.5 "Segoe UI",system-ui,sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#242424;background:#fff}
code,pre{font-family:Consolas,ui-monospace,monospace}pre{background:#f5f5f5;padding:.6rem;overflow-x:auto}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e0e0e0;padding:.35rem .5rem;text-align:left;vertical-align:top}
a{color:#0f6cbd}@media (prefers-color-scheme:dark){body{background:#1f1f1f;color:#f0f0f0}pre{background:#2b2b2b}a{color:#479ef5}th,td{border-color:#444}}`;

function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'self'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

function topicHtml(topic) {
  return `<h2>${escapeHtml(topic.title)}</h2>\n${topic.text.map((t) => `<p>${escapeHtml(t)}</p>`).join("\n")}`;
}

function functionPage(fn, help, topics) {
  const args = fn.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.optional ? "optional" : "required"}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
    )
    .join("\n");
  const examples = (help.examples ?? [])
    .map((e) => {
      const result = e.error ?? (e.result !== undefined ? String(e.result) : "");
      return `<tr><td><code>${escapeHtml(formulaText(fn.id, e.args))}</code></td><td>${escapeHtml(result)}</td><td>${escapeHtml(e.note ?? "")}</td></tr>`;
    })
    .join("\n");
  const body = [
    `<p><a href="index.html">DutyDesk functions</a></p>`,
    `<h1>${NAMESPACE}.${escapeHtml(fn.id)}</h1>`,
    `<p>${escapeHtml(fn.description ?? "")}</p>`,
    `<h2>Syntax</h2>\n<pre>${escapeHtml(syntax(fn))}</pre>`,
    fn.parameters.length === 0
      ? `<h2>Arguments</h2>\n<p>None.</p>`
      : `<h2>Arguments</h2>\n<table><thead><tr><th>Argument</th><th></th><th>Meaning</th></tr></thead><tbody>\n${args}\n</tbody></table>`,
    `<h2>Returns</h2>\n<p>${escapeHtml(help.returns ?? "")}</p>`,
    examples === ""
      ? ""
      : `<h2>Examples</h2>\n<table><thead><tr><th>Formula</th><th>Result</th><th></th></tr></thead><tbody>\n${examples}\n</tbody></table>`,
    ...(help.topics ?? []).map((t) => {
      if (!topics[t]) throw new Error(`help/functions.yaml: ${fn.id} names an unknown topic ${t}`);
      return topicHtml(topics[t]);
    }),
    `<p><a href="../${SAMPLE_WORKBOOK}">Download the sample workbook</a></p>`,
  ];
  return page(`${NAMESPACE}.${fn.id}: DutyDesk help`, body.filter((b) => b !== "").join("\n"));
}

function indexPage(functions, topics) {
  const rows = functions
    .map(
      (f) =>
        `<tr><td><a href="${helpSlug(f.id)}.html"><code>${NAMESPACE}.${escapeHtml(f.id)}</code></a></td><td>${escapeHtml(f.description ?? "")}</td></tr>`,
    )
    .join("\n");
  const body = [
    `<h1>DutyDesk functions</h1>`,
    `<p>Import duties and landed cost as Excel functions, on a cited, effective-dated rate table. Type <code>=${NAMESPACE}.</code> in a cell.</p>`,
    `<table><thead><tr><th>Function</th><th>What it returns</th></tr></thead><tbody>\n${rows}\n</tbody></table>`,
    `<p><a href="../${SAMPLE_WORKBOOK}">Download the sample workbook</a>: a landed-cost model, an origin comparison and a rate history.</p>`,
    ...Object.values(topics).map(topicHtml),
  ];
  return page("DutyDesk functions: help", body.join("\n"));
}

/**
 * The pages for a functions.json: help/<slug>.html for every function (a function the YAML does not
 * describe still gets its page, from its JSDoc), and help/index.html.
 * @returns {{ name: string, html: string }[]}
 */
function helpPages(functionsJson, source = readHelpSource()) {
  const functions = functionsJson.functions;
  const unknown = Object.keys(source.functions).filter((id) => !functions.some((f) => f.id === id));
  if (unknown.length > 0) throw new Error(`help/functions.yaml describes functions that do not exist: ${unknown.join(", ")}`);
  return [
    ...functions.map((f) => ({ name: `help/${helpSlug(f.id)}.html`, html: functionPage(f, source.functions[f.id] ?? {}, source.topics) })),
    { name: "help/index.html", html: indexPage(functions, source.topics) },
  ];
}

/** functions.json for production: every helpUrl (and any other development URL) on the production base. */
function productionMetadata(text, fromBase, prodBase) {
  return rewriteManifestUrls(text, fromBase, prodBase);
}

/** Emits the help pages next to functions.json and, for production, points every helpUrl at `prodBase`. */
class HelpPagesPlugin {
  /** @param {{ metadata: string, fromBase: string, prodBase: string | null }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DutyDeskHelpPages", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "DutyDeskHelpPages", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset(this.options.metadata);
        if (!asset) return; // the metadata generator reported errors; they fail the build already
        try {
          compilation.fileDependencies.add(HELP_SOURCE);
          const text = asset.source.source().toString();
          for (const p of helpPages(JSON.parse(text))) compilation.emitAsset(p.name, new sources.RawSource(p.html));
          if (this.options.prodBase) {
            compilation.updateAsset(
              this.options.metadata,
              new sources.RawSource(productionMetadata(text, this.options.fromBase, this.options.prodBase)),
            );
          }
        } catch (e) {
          compilation.errors.push(new WebpackError(`help pages: ${e.message}`));
        }
      });
    });
  }
}

module.exports = { HELP_SOURCE, NAMESPACE, SAMPLE_WORKBOOK, helpSlug, helpPages, formulaText, readHelpSource, productionMetadata, HelpPagesPlugin };
