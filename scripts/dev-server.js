// The development server of `npm start`: webpack-dev-server over HTTPS with the certificates of
// office-addin-dev-certs, configured as Microsoft's Office add-in templates do (webpack.config.js
// `devServer`), plus what DutyDesk needs on top:
//
//   /office-js/*   node_modules/@microsoft/office-js/dist/* (office.js offline, as the dev build expects)
//   CORS           Excel on the web fetches functions.json and the icons from its own origin
//   no-store       functions.js and functions.json, so a rebuild is picked up on the next reload
//   dist-dev/      still written to disk, so dist-dev/manifest.xml can be uploaded to Excel on the web
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const PORT = 3000;
const OFFICE_JS_ROOT = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const NO_STORE = new Set(["/functions.js", "/functions.json"]);

/**
 * webpack-dev-server options. `https` is a tls.SecureContextOptions ({ ca, cert, key }); without it the
 * server speaks plain HTTP (tests only). `port` 0 picks a free port.
 */
function devServerOptions({ https, port = PORT, host = "127.0.0.1" } = {}) {
  return {
    host,
    port,
    server: https ? { type: "https", options: https } : { type: "http" },
    headers: { "Access-Control-Allow-Origin": "*" },
    static: [{ directory: OFFICE_JS_ROOT, publicPath: "/office-js", watch: false, serveIndex: false }],
    devMiddleware: { writeToDisk: true },
    // A reload is what Excel needs after a rebuild; hot module replacement would not reach the shared runtime.
    hot: false,
    liveReload: false,
    client: false,
    // webpack-dev-server refuses other Host headers (DNS rebinding); Excel asks for localhost.
    allowedHosts: ["localhost", "127.0.0.1"],
    setupMiddlewares(middlewares) {
      middlewares.unshift({
        name: "dutydesk-no-store",
        middleware(req, res, next) {
          if (NO_STORE.has((req.url || "").split("?")[0])) res.setHeader("Cache-Control", "no-store");
          next();
        },
      });
      return middlewares;
    },
  };
}

// ---------------------------------------------------------------------------------------------- certificates

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

/** devCerts.getHttpsServerOptions(), as the templates call it, with two Linux workarounds. */
async function httpsServerOptions() {
  const devCerts = require("office-addin-dev-certs");
  // Linux: when the CA is not in the system store, ensureCertificatesAreInstalled() deletes and regenerates the
  // whole CA on every run, which silently invalidates a CA the developer imported into the browser. Reuse a
  // still-valid pair instead.
  if (process.platform === "linux" && !systemTrustsCa(devCerts) && existingCertsUsable()) {
    console.warn(
      `Using the existing development certificates in ${CERT_DIR} (CA not in the system store: your browser must trust ${CERT_FILES.ca}).`,
    );
    return readCerts();
  }
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    if (process.platform !== "linux") throw err;
    // On Linux the CA install runs `sudo update-ca-certificates`; it fails without sudo rights and, even when it
    // works, Chrome and Firefox keep their own certificate stores. Serve with the generated certificate anyway.
    if (!Object.values(CERT_FILES).every((f) => fs.existsSync(f))) {
      await devCerts.generateCertificates(CERT_FILES.ca, CERT_FILES.cert, CERT_FILES.key);
    }
    console.warn(
      [
        "",
        "WARNING: could not install the development CA certificate into the system store:",
        `  ${String(err && err.message ? err.message : err).split("\n")[0]}`,
        `Serving https://localhost:${PORT}/ with the generated certificate anyway. Your browser must trust`,
        `  ${CERT_FILES.ca}`,
        "before Excel on the web can load the add-in (see step 1 below).",
        "",
      ].join("\n"),
    );
    return readCerts();
  }
}

module.exports = { PORT, OFFICE_JS_ROOT, CERT_FILES, devServerOptions, httpsServerOptions };
