#!/usr/bin/env node
// `npm start`: build the add-in for development, serve it on https://localhost:3000/, and sideload it.
//
//   npm start                                   Windows/macOS: sideload into desktop Excel.
//                                               Linux: print the steps to sideload into Excel on the web.
//   npm start -- web --document <workbook-url>  Open a OneDrive/SharePoint workbook in Excel on the web with
//                                               the add-in sideloaded (any OS).
//   npm start -- serve                          Build and serve only.
//
// Ctrl-C stops the server. `npm run stop` unregisters the add-in from desktop Excel.
"use strict";

const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { createServer } = require("./serve");

const ROOT = path.resolve(__dirname, "..");
const PORT = 3000;
const OUT_DIR = path.join(ROOT, "dist-dev");
const MANIFEST = "manifest.xml"; // dist-dev/manifest.xml is an identical copy, served at /manifest.xml

/** Path of a package's CLI script, run with `node` directly (no .cmd shims or shells on Windows). */
function binOf(pkg, name) {
  const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [ROOT] });
  const { bin } = JSON.parse(fs.readFileSync(pkgJson, "utf8"));
  return path.join(path.dirname(pkgJson), typeof bin === "string" ? bin : bin[name]);
}

/** Runs a package CLI to completion, blocking (used before the server exists). */
function runSync(pkg, name, args) {
  console.log(`\n> ${name} ${args.join(" ")}`);
  const result = spawnSync(process.execPath, [binOf(pkg, name), ...args], { cwd: ROOT, stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
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

const CERT_DIR = path.join(os.homedir(), ".office-addin-dev-certs"); // where office-addin-dev-certs keeps them
const CERT_FILES = {
  ca: path.join(CERT_DIR, "ca.crt"),
  cert: path.join(CERT_DIR, "localhost.crt"),
  key: path.join(CERT_DIR, "localhost.key"),
};

function readCerts() {
  return { ca: fs.readFileSync(CERT_FILES.ca), cert: fs.readFileSync(CERT_FILES.cert), key: fs.readFileSync(CERT_FILES.key) };
}

/** Existing localhost certificate, issued by the existing CA and valid for at least another day? */
function existingCertsUsable() {
  try {
    const { X509Certificate } = require("crypto");
    const { ca, cert } = readCerts();
    const caCert = new X509Certificate(ca);
    const leaf = new X509Certificate(cert);
    return leaf.checkIssued(caCert) && leaf.verify(caCert.publicKey) && Date.parse(leaf.validTo) > Date.now() + 86400e3;
  } catch {
    return false;
  }
}

function systemTrustsCa(devCerts) {
  try {
    return devCerts.verifyCertificates();
  } catch {
    return false;
  }
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  // Linux: when the CA is not in the system store, ensureCertificatesAreInstalled() deletes and regenerates the
  // whole CA on every run, which silently invalidates a CA the developer imported into the browser. Reuse a
  // still-valid pair instead.
  if (process.platform === "linux" && !systemTrustsCa(devCerts) && existingCertsUsable()) {
    console.warn(`Using the existing development certificates in ${CERT_DIR} (CA not in the system store: your browser must trust ${CERT_FILES.ca}).`);
    return readCerts();
  }
  try {
    await devCerts.ensureCertificatesAreInstalled();
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    if (process.platform !== "linux") throw err;
    // On Linux the CA install runs `sudo update-ca-certificates`; it fails without sudo rights and, even when it
    // works, Chrome and Firefox keep their own certificate stores. Serve with the generated certificate anyway.
    const files = CERT_FILES;
    if (!Object.values(files).every((f) => fs.existsSync(f))) {
      await devCerts.generateCertificates(files.ca, files.cert, files.key);
    }
    console.warn(
      [
        "",
        "WARNING: could not install the development CA certificate into the system store:",
        `  ${String(err && err.message ? err.message : err).split("\n")[0]}`,
        "Serving https://localhost:3000/ with the generated certificate anyway. Your browser must trust",
        `  ${files.ca}`,
        "before Excel on the web can load the add-in (see step 1 below).",
        "",
      ].join("\n"),
    );
    return readCerts();
  }
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

  if (runSync("webpack-cli", "webpack-cli", ["--mode", "development"]) !== 0) {
    console.error("\nBuild failed.");
    return 1;
  }

  const server = await createServer({ root: OUT_DIR, port: PORT, host: "127.0.0.1", https: await httpsOptions() }).catch(
    (err) => {
      if (err && err.code === "EADDRINUSE") console.error(`\nPort ${PORT} is in use. Is another dev server running?`);
      throw err;
    },
  );
  console.log(`\nServing ${OUT_DIR} at https://localhost:${PORT}/ (Ctrl-C to stop)`);

  const stop = () => {
    console.log("\nStopping the server. (Desktop Excel keeps the add-in registered until `npm run stop`.)");
    server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  if (mode === "linux-web") {
    printWebSteps();
  } else if (mode === "desktop" || mode === "web") {
    // Sideload only. No --dev-server: the server above is the dev server. --dev-server-port makes
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
