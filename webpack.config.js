// webpack config for the DutyDesk add-in (browser bundles only; the Node CLI/engine build is `tsc -p tsconfig.node.json`).
//
//   webpack --mode development                       -> dist-dev/  (URLs stay https://localhost:3000/)
//   webpack --mode production                        -> dist/      (manifest URLs rewritten to the prod base)
//   webpack --mode production --env baseUrl=https://example.com/addin/ --env outDir=out
//   webpack serve --mode development                 -> https://localhost:3000/ (what `npm start` runs, scripts/start.js)
//
// Production base URL: --env baseUrl, else $DUTYDESK_BASE_URL, else package.json "config.baseUrl".
"use strict";

const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DEV_BASE_URL, rewriteManifestUrls } = require("./scripts/manifest-urls");
const { FeedPlugin } = require("./scripts/emit-feed");
const { HelpPagesPlugin } = require("./scripts/help-pages");
const { SampleWorkbookPlugin } = require("./scripts/sample-workbook");
const { RELEASES_DIR, newestRelease } = require("./scripts/releases");
const { devServerOptions, httpsServerOptions } = require("./scripts/dev-server");

const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
// Served by the dev server (scripts/dev-server.js) and the test server (scripts/serve.js) from node_modules/@microsoft/office-js/dist, so dev builds and tests work offline.
const OFFICE_JS_LOCAL = "/office-js/office.js";
// The embedded table is the newest release in data/releases (scripts/releases.js decides which), imported
// by src/runtime/tableStore.ts as "@releases/newest.dutytable". Every release there is published in the
// add-in's own feed (dist*/feed/).
const EMBEDDED_RELEASE_SPECIFIER = "@releases/newest.dutytable";
// A feed may be hosted anywhere over HTTPS (its URL is a per-workbook setting), so connect-src allows https:.
// Development builds may also sync from a feed on this machine (plain HTTP on localhost only).
const CONNECT_SRC_PROD = "'self' https:";
const CONNECT_SRC_DEV = "'self' https: http://localhost:* http://127.0.0.1:*";

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || "development";
  const dev = mode !== "production";
  const prodBase = env.baseUrl || process.env.DUTYDESK_BASE_URL || require("./package.json").config.baseUrl;
  const outDir = path.resolve(__dirname, env.outDir || (dev ? "dist-dev" : "dist"));
  if (!dev) rewriteManifestUrls("", DEV_BASE_URL, prodBase); // fail fast on a bad base URL (http://, no trailing /)
  // Older releases to keep publishing next to the embedded one (a directory of *.dutytable files), so that
  // workbooks pinned to them can always fetch them: --env feedReleases=DIR or $DUTYDESK_FEED_RELEASES.
  const extraReleases = env.feedReleases || process.env.DUTYDESK_FEED_RELEASES;

  const config = {
    mode: dev ? "development" : "production",
    context: __dirname,
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      // The task pane reuses what the functions bundle already carries (engine, embedded table).
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: outDir,
      filename: "[name].js",
      // Chunks loaded on demand (the table checks) are named by their content: a page cached by Excel
      // never runs a new functions.js against an old chunk.
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js", ".json"],
      // Resolved when the build starts, so a new release file needs a new build (as any embedded asset does).
      alias: { [`${EMBEDDED_RELEASE_SPECIFIER}$`]: newestRelease().file },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type-checked build (no transpileOnly/babel): a type error fails `npm run build`.
            // ES modules in the bundle (CommonJS is for the Node build) so webpack can drop unused exports.
            options: { configFile: "tsconfig.json", onlyCompileBundledFiles: true, compilerOptions: { module: "es2020", sourceMap: true } },
          },
        },
        {
          // A rate table release is embedded as its exact text, so its SHA-256 can be checked, with that
          // SHA-256 computed here at build time (the first answer does not wait for a hash).
          test: /\.dutytable$/,
          type: "javascript/auto",
          use: path.resolve(__dirname, "scripts/dutytableLoader.js"),
        },
      ],
    },
    optimization: {
      // Excel's shared runtime loads ONE page (taskpane.html) that carries both the task pane code and the
      // custom functions. With one webpack runtime per entry chunk, every module imported by both entries
      // (the rate-table store, the engine) would be instantiated twice, so a table loaded by the task pane
      // would be invisible to DUTY.* functions. A single runtime chunk gives both entries one module registry.
      runtimeChunk: "single",
      // terser's default folds a function called from one place into its caller as a function expression
      // called in place: the TARIFF path became closures made on every cell, which V8 neither inlined nor
      // kept (a CPU profile of warm passes through dist/functions.js put 62 % of the samples in one such
      // expression). Kept as declarations, V8 inlines them itself. See README, Performance.
      minimizeOptions: { javascript: { compress: { passes: 2, reduce_funcs: false } } },
      // Fluent UI (web components and tokens) in its own file, fluent.js, loaded by the task pane page:
      // our bundles stay free of markup parsing (FAST compiles Fluent's own templates; see
      // tests/browser/taskpaneWorkbook.test.ts "markup safety") and its size is measured on its own.
      // The table checks' chunk keeps zod in it (defaultVendors would split it into a file of its own):
      // one request when a table first needs checking.
      splitChunks: {
        cacheGroups: {
          defaultVendors: false,
          fluent: { test: /[\\/]node_modules[\\/]@fluentui[\\/]/, name: "fluent", chunks: "all", enforce: true },
        },
      },
    },
    // functions.js deliberately embeds the ~1 MB rate table; its size is tracked by the benchmark instead.
    performance: { hints: false },
    plugins: [
      // The table checks for untrusted tables, and zod, in a chunk fetched on first need rather than in
      // functions.js: the engine's documentChecks module becomes src/runtime/lazyDocumentChecks.ts (see
      // src/engine/table/documentChecks.ts). Node builds keep the engine's module.
      new webpack.NormalModuleReplacementPlugin(/(^|\/)documentChecks$/, (resource) => {
        resource.request = path.resolve(__dirname, "src/runtime/lazyDocumentChecks.ts");
      }),
      // Generates functions.json from the JSDoc @customfunction tags and appends
      // CustomFunctions.associate(id, fn) calls to functions.ts at build time.
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "functions", "fluent", "taskpane"],
        chunksSortMode: "manual", // keep the order above: runtime first, functions registered before the UI
        officeJsUrl: dev ? OFFICE_JS_LOCAL : OFFICE_JS_CDN,
        connectSrc: dev ? CONNECT_SRC_DEV : CONNECT_SRC_PROD,
      }),
      // help/<function>.html + help/index.html from functions.json and help/functions.yaml; production
      // points every helpUrl at the production base (scripts/help-pages.js).
      new HelpPagesPlugin({ metadata: "functions.json", fromBase: DEV_BASE_URL, prodBase: dev ? null : prodBase }),
      // DutyDesk-sample.xlsx, its formulas written from the same functions.json (scripts/sample-workbook.js).
      new SampleWorkbookPlugin({ metadata: "functions.json" }),
      // feed/index.json + feed/<id>.dutytable for every release in data/releases (scripts/emit-feed.js).
      new FeedPlugin({ releases: [RELEASES_DIR, ...(extraReleases ? [extraReleases] : [])] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            // Development keeps https://localhost:3000/. Production rewrites EVERY dev URL and fails the
            // build if any "localhost" is left (Microsoft's template rewrote only the first one).
            ...(dev ? {} : { transform: (content) => rewriteManifestUrls(content.toString("utf8"), DEV_BASE_URL, prodBase) }),
          },
        ],
      }),
    ],
  };
  // `webpack serve` (and scripts/start.js): the HTTPS dev server, certificates from office-addin-dev-certs as
  // in Microsoft's templates. Only then: a build must never ask for certificates (or sudo).
  if (!env.WEBPACK_SERVE) return config;
  return httpsServerOptions().then((https) => ({ ...config, devServer: devServerOptions({ https }) }));
};
