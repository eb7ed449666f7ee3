/*
 * Real-browser test helpers: Debian's Chromium driven by playwright-core, the built add-in served by
 * scripts/serve.js on 127.0.0.1, and a network guard so that a page can never reach anything else.
 *
 * playwright-core ships no browser; never run `npx playwright install` (there is no internet). The
 * executable is /usr/bin/chromium unless CHROMIUM_PATH says otherwise.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Browser, BrowserContext, Page, chromium } from "playwright-core";

export const REPO_ROOT = resolve(__dirname, "..", "..");
export const DIST_DEV = join(REPO_ROOT, "dist-dev");
export const SCREENSHOT_DIR = join(REPO_ROOT, "artifacts", "screenshots");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Files every test page needs from a development build. */
export const DIST_FILES = ["taskpane.html", "runtime.js", "functions.js", "fluent.js", "taskpane.js", "functions.json", "taskpane.css"] as const;

// ---------------------------------------------------------------------------------------------- browser

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH); do not run \`npx playwright install\``);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Running as root needs --no-sandbox; the rest keeps Chromium from phoning home on its own.
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

// ---------------------------------------------------------------------------------------------- server

interface ServeModule {
  createServer(options: { root: string; port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }>;
}
// scripts/serve.js is plain CommonJS; this is its typed surface.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serveModule = require(join(REPO_ROOT, "scripts", "serve.js")) as ServeModule;

export interface ServedDist {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:40123, so `${url}/taskpane.html` reads well. */
  readonly url: string;
  close(): Promise<void>;
}

/** Throws, with the command to run, if `dir` is not a complete build. */
export function requireBuild(dir: string = DIST_DEV): void {
  const missing: string[] = DIST_FILES.filter((f) => !existsSync(join(dir, f)));
  if (checksChunk(dir) === null) missing.push("the table checks' chunk (tablechecks.<hash>.js)");
  if (missing.length > 0) {
    throw new Error(`${dir} is missing ${missing.join(", ")}: run \`npm run build:dev\` first (\`npm test\` does it in pretest)`);
  }
}

/**
 * The build's table checks chunk (src/runtime/lazyDocumentChecks.ts), named by its content hash
 * (webpack.config.js, chunkFilename); null when the build has none.
 */
export function checksChunk(dir: string = DIST_DEV): string | null {
  const found = readdirSync(dir).filter((f) => /^tablechecks\.[0-9a-f]{8}\.js$/.test(f));
  if (found.length > 1) throw new Error(`${dir} has ${found.length} table checks chunks (${found.join(", ")}): a stale build?`);
  return found[0] ?? null;
}

/** Serves a build (and /office-js/ from node_modules) on 127.0.0.1 at a free port. */
export async function serveDist(dir: string = DIST_DEV): Promise<ServedDist> {
  requireBuild(dir);
  const served = await serveModule.createServer({ root: dir, port: 0, host: "127.0.0.1" });
  return { url: served.url.replace(/\/$/, ""), close: () => served.close() };
}

// ---------------------------------------------------------------------------------------------- network guard

export interface NetworkLog {
  /** Every http(s)/ws(s) request the pages of the context made, in order. */
  readonly requests: string[];
  /** Requests that left the served origin; each was answered 404 by the guard instead of going out. */
  readonly offOrigin: string[];
  readonly failed: Array<{ url: string; error: string }>;
}

/**
 * Lets the context talk to `origin` (or the given origins) only: everything else is recorded and answered with a 404 at once
 * (rather than left to hang on a machine with no internet). Page-level routes still take precedence.
 */
export async function guardNetwork(context: BrowserContext, origin: string | readonly string[]): Promise<NetworkLog> {
  const log: NetworkLog = { requests: [], offOrigin: [], failed: [] };
  const origins = typeof origin === "string" ? [origin] : origin;
  const isNetwork = (url: string) => /^(https?|wss?):/i.test(url);
  const isOurs = (url: string) => origins.some((o) => url === o || url.startsWith(o + "/"));
  context.on("request", (request) => {
    if (isNetwork(request.url())) log.requests.push(request.url());
  });
  context.on("requestfailed", (request) => {
    log.failed.push({ url: request.url(), error: request.failure()?.errorText ?? "unknown" });
  });
  await context.route(
    (url) => isNetwork(url.href) && !isOurs(url.href),
    async (route) => {
      log.offOrigin.push(route.request().url());
      await route.fulfill({ status: 404, contentType: "text/plain", body: "blocked by the test network guard\n" });
    },
  );
  return log;
}

/** What the page's Content-Security-Policy refused (these never reach the network, so never show as requests). */
export interface CspViolation {
  readonly blockedURI: string;
  readonly directive: string;
  readonly sourceFile: string;
}

/** Records `securitypolicyviolation` events in every page of the context, from the first script on. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  // A string, not a function: it runs in the page and must not depend on how this file was compiled.
  await context.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", function (e) {
      window.__cspViolations.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective || e.violatedDirective, sourceFile: e.sourceFile || "" });
    });
  `);
}

export async function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate("window.__cspViolations || []") as Promise<CspViolation[]>;
}

// ---------------------------------------------------------------------------------------------- screenshots

/** Saves a PNG as artifacts/screenshots/<name>.png (full page) and returns its path. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: use letters, digits, . _ -`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, name.endsWith(".png") ? name : `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
