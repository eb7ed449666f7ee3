#!/usr/bin/env node
// `npm start`: build the add-in for development, serve it on https://localhost:3000/ with webpack-dev-server
// (webpack.config.js devServer, scripts/dev-server.js; it rebuilds on every change), and sideload it.
//
//   npm start                                   Windows/macOS: sideload into desktop Excel.
//                                               Linux: print the steps to sideload into Excel on the web.
//   npm start -- web --document <workbook-url>  Open a OneDrive/SharePoint workbook in Excel on the web with
//                                               the add-in sideloaded (any OS).
//   npm start -- serve                          Build and serve only.
//
// Ctrl-C stops the server. `npm run stop` unregisters the add-in from desktop Excel.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { CERT_FILES, PORT } = require("./dev-server");

const ROOT = path.resolve(__dirname, "..");
const OUT_DIR = path.join(ROOT, "dist-dev");
const MANIFEST = "manifest.xml"; // dist-dev/manifest.xml is an identical copy, served at /manifest.xml

/** Path of a package's CLI script, run with `node` directly (no .cmd shims or shells on Windows). */
function binOf(pkg, name) {
  const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [ROOT] });
  const { bin } = JSON.parse(fs.readFileSync(pkgJson, "utf8"));
  return path.join(path.dirname(pkgJson), typeof bin === "string" ? bin : bin[name]);
}

/** Runs a package CLI without blocking, so the server keeps answering Excel's requests meanwhile. */
function run(pkg, name, args) {
  console.log(`\n> ${name} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binOf(pkg, name), ...args], { cwd: ROOT, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * webpack-dev-server with this repository's webpack.config.js in development mode, as `webpack serve` runs
 * it. Resolves once the first build is written (so dist-dev/manifest.xml exists before sideloading), and
 * rejects if that build fails.
 */
async function startDevServer() {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const config = await require(path.join(ROOT, "webpack.config.js"))({ WEBPACK_SERVE: true }, { mode: "development" });
  const compiler = webpack(config);
  const firstBuild = new Promise((resolve) => compiler.hooks.done.tap("dutydesk-start", resolve));
  const server = new WebpackDevServer(config.devServer, compiler);
  await server.start();
  const stats = await firstBuild;
  if (stats.hasErrors()) {
    console.error(stats.toString({ all: false, errors: true, colors: process.stdout.isTTY === true }));
    await server.stop();
    throw new Error("Build failed.");
  }
  return server;
}

function printWebSteps() {
  const ca = CERT_FILES.ca;
  console.log(
    [
      "",
      "Sideload DutyDesk into Excel on the web:",
      `  1. Make your browser trust the dev CA ${ca}`,
      "     (Chrome/Edge: Settings > Privacy and security > Security > Manage certificates > Authorities > Import;",
      '      or: certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ' + ca + "",
      "      Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import).",
      "     Check: https://localhost:3000/taskpane.html must open without a certificate warning.",
      "  2. Open a workbook in Excel on the web (office.com > Excel; a OneDrive or SharePoint workbook).",
      "  3. Home > Add-ins > More Add-ins (older layouts: Insert > Office Add-ins), then My Add-ins.",
      "  4. Choose Upload My Add-in (Manage My Add-ins > Upload My Add-in) and pick this file:",
      `       ${path.join(OUT_DIR, MANIFEST)}`,
      "  5. Use =DUTY. in a cell; Home > Duty Rates opens the task pane.",
      "",
      "Alternative: npm start -- web --document <workbook URL>",
      "  (office-addin-debugging opens the workbook with the add-in sideloaded from https://localhost:3000/manifest.xml).",
      "",
    ].join("\n"),
  );
}

async function main() {
  const [mode = process.platform === "linux" ? "linux-web" : "desktop", ...rest] = process.argv.slice(2);
  if (!["desktop", "web", "serve", "linux-web"].includes(mode)) {
    console.error(`Unknown mode "${mode}". Use: desktop | web --document <url> | serve`);
    return 2;
  }

  let server;
  try {
    server = await startDevServer();
  } catch (err) {
    if (err && err.code === "EADDRINUSE") console.error(`\nPort ${PORT} is in use. Is another dev server running?`);
    else console.error(`\n${err && err.message ? err.message : err}`);
    return 1;
  }
  console.log(`\nServing ${OUT_DIR} at https://localhost:${PORT}/, rebuilding on every change (Ctrl-C to stop)`);

  const stop = () => {
    console.log("\nStopping the server. (Desktop Excel keeps the add-in registered until `npm run stop`.)");
    server.stop().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  if (mode === "linux-web") {
    printWebSteps();
  } else if (mode === "desktop" || mode === "web") {
    // Sideload only. No --dev-server: the webpack-dev-server above is the dev server. --dev-server-port makes
    // office-addin-debugging see that port 3000 is taken and skip starting one even if a "dev-server"
    // npm script is ever added (it would otherwise run it).
    const platform = mode === "desktop" ? "desktop" : "web";
    const args = ["start", MANIFEST, platform, "--app", "excel", "--dev-server-port", String(PORT)];
    if (mode === "desktop") args.push("--no-debug");
    const status = await run("office-addin-debugging", "office-addin-debugging", [...args, ...rest]);
    if (status !== 0) console.error("\nSideloading failed; the server keeps running. See the messages above.");
  }
  return undefined; // keep serving until Ctrl-C
}

main().then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
