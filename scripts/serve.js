#!/usr/bin/env node
// Static file server for a built add-in or a feed directory, used by the browser tests (over HTTP on
// 127.0.0.1). `npm start` does not use it: its dev server is webpack-dev-server (scripts/dev-server.js),
// which needs a webpack compiler and so cannot serve a directory already built or a feed.
//
//   /office-js/*  -> node_modules/@microsoft/office-js/dist/*   (office.js offline, for dev and tests)
//   everything else -> <root>
//
// Excel on the web fetches functions.json (and icons) from its own origin, so every response carries
// Access-Control-Allow-Origin: *. functions.js/functions.json are never cached so a rebuild is picked
// up on the next reload.
//
//   node scripts/serve.js [root=dist-dev] [port=3000]          (plain HTTP)
"use strict";

const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");

const OFFICE_JS_PREFIX = "/office-js/";
const OFFICE_JS_ROOT = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const NO_STORE = new Set(["functions.json", "functions.js"]);

/**
 * Maps a URL path to a file below `base`, or returns null if the path tries to leave `base`.
 * `urlPath` is the raw (still percent-encoded) path without query string.
 */
function resolveInside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // malformed %-escape
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  // After decoding, any ".." segment is a traversal attempt, whether it came in as ../ or %2e%2e/.
  const segments = decoded.split("/");
  if (segments.some((s) => s === "..")) return null;
  const relative = segments.filter((s) => s !== "" && s !== ".").join(path.sep);
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return null;
  const full = path.resolve(base, relative);
  const baseWithSep = base.endsWith(path.sep) ? base : base + path.sep;
  if (full !== base && !full.startsWith(baseWithSep)) return null;
  return full;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

function handler(root) {
  return (req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("X-Content-Type-Options", "nosniff");

    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, HEAD",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] || "*",
      });
      return res.end();
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "Method Not Allowed\n", { Allow: "GET, HEAD, OPTIONS" });
    }

    const rawPath = (req.url || "/").split("?")[0].split("#")[0];
    if (!rawPath.startsWith("/")) return send(res, 400, "Bad Request\n");

    let base = root;
    let rest = rawPath;
    if (rawPath.startsWith(OFFICE_JS_PREFIX)) {
      base = OFFICE_JS_ROOT;
      rest = rawPath.slice(OFFICE_JS_PREFIX.length - 1);
    }
    let file = resolveInside(base, rest);
    if (file === null) return send(res, 400, "Bad Request\n");

    fs.stat(file, (err, stat) => {
      if (!err && stat.isDirectory()) {
        file = path.join(file, "index.html");
        return fs.stat(file, (err2, stat2) => serveFile(req, res, file, err2, stat2));
      }
      serveFile(req, res, file, err, stat);
    });
  };
}

function serveFile(req, res, file, err, stat) {
  if (err || !stat.isFile()) return send(res, 404, "Not Found\n");
  const headers = {
    "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
    "Content-Length": stat.size,
  };
  if (NO_STORE.has(path.basename(file))) headers["Cache-Control"] = "no-store";
  res.writeHead(200, headers);
  if (req.method === "HEAD") return res.end();
  const stream = fs.createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/**
 * @param {{ root: string, port?: number, host?: string, https?: import("https").ServerOptions }} options
 *   port 0 (default) picks a free port; pass `https` (cert/key/ca) to serve over TLS.
 * @returns {Promise<{ server: import("http").Server, url: string, close: () => Promise<void> }>}
 */
function createServer({ root, port = 0, host = "127.0.0.1", https: httpsOptions } = {}) {
  if (!root) return Promise.reject(new Error("createServer: root is required"));
  const absRoot = path.resolve(root);
  const listener = handler(absRoot);
  const server = httpsOptions ? https.createServer(httpsOptions, listener) : http.createServer(listener);

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const urlHost = address.family === "IPv6" || String(address.family) === "6" ? `[${address.address}]` : address.address;
      const url = `${httpsOptions ? "https" : "http"}://${urlHost}:${address.port}/`;
      const close = () =>
        new Promise((done, fail) => {
          server.close((e) => (e ? fail(e) : done()));
          if (server.closeAllConnections) server.closeAllConnections();
        });
      resolve({ server, url, close });
    });
  });
}

module.exports = { createServer, resolveInside, CONTENT_TYPES, OFFICE_JS_ROOT };

if (require.main === module) {
  const root = process.argv[2] || "dist-dev";
  const port = Number(process.argv[3] || 3000);
  if (!fs.existsSync(root)) {
    console.error(`serve: ${root} does not exist (build first: npm run build:dev)`);
    process.exit(1);
  }
  createServer({ root, port })
    .then(({ url, close }) => {
      console.log(`Serving ${path.resolve(root)} at ${url} (Ctrl-C to stop)`);
      const stop = () => close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    })
    .catch((err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    });
}
