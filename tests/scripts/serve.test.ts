// scripts/serve.js: the static server of the browser tests (over HTTP); then the dev server of `npm start`.
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

type Served = { server: http.Server; url: string; close(): Promise<void> };
type ServeModule = {
  createServer(options: { root: string; port?: number; host?: string; https?: object }): Promise<Served>;
  OFFICE_JS_ROOT: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createServer, OFFICE_JS_ROOT } = require("../../scripts/serve") as ServeModule;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** Raw request: the path is sent exactly as given (fetch() would normalise ../ and %2e%2e away). */
function request(base: string, rawPath: string, method = "GET"): Promise<Reply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

let dir: string;
let served: Served;
const SECRET = "top-secret-outside-root";

beforeAll(async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "dutydesk-serve-"));
  dir = path.join(parent, "www");
  fs.mkdirSync(path.join(dir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(parent, "secret.txt"), SECRET);
  fs.writeFileSync(path.join(dir, "taskpane.html"), "<!doctype html><title>t</title>");
  fs.writeFileSync(path.join(dir, "functions.js"), "/* functions */");
  fs.writeFileSync(path.join(dir, "functions.json"), '{"functions":[]}');
  fs.writeFileSync(path.join(dir, "manifest.xml"), "<OfficeApp/>");
  fs.writeFileSync(path.join(dir, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  served = await createServer({ root: dir, port: 0 });
});

afterAll(async () => {
  await served.close();
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});

test("listens on a random port over http on 127.0.0.1", () => {
  expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(new URL(served.url).port).not.toBe("0");
});

test("serves files with the right content type and CORS header", async () => {
  const cases: Array<[string, string]> = [
    ["/taskpane.html", "text/html"],
    ["/functions.js", "text/javascript"],
    ["/functions.json", "application/json"],
    ["/manifest.xml", "application/xml"],
    ["/assets/icon-16.png", "image/png"],
  ];
  for (const [p, type] of cases) {
    const r = await request(served.url, p);
    expect({ p, status: r.status }).toEqual({ p, status: 200 });
    expect(r.headers["content-type"]).toContain(type);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
  }
  const html = await request(served.url, "/taskpane.html?_host_Info=Excel$Win32$16.01$en-US");
  expect(html.body.toString()).toContain("<title>t</title>");
});

test("functions.js and functions.json are not cached; other files may be", async () => {
  expect((await request(served.url, "/functions.json")).headers["cache-control"]).toBe("no-store");
  expect((await request(served.url, "/functions.js")).headers["cache-control"]).toBe("no-store");
  expect((await request(served.url, "/taskpane.html")).headers["cache-control"]).toBeUndefined();
});

test("HEAD returns headers without a body", async () => {
  const r = await request(served.url, "/functions.json", "HEAD");
  expect(r.status).toBe(200);
  expect(r.headers["content-length"]).toBe(String('{"functions":[]}'.length));
  expect(r.body.length).toBe(0);
});

test("missing files are 404", async () => {
  expect((await request(served.url, "/nope.js")).status).toBe(404);
  expect((await request(served.url, "/assets/")).status).toBe(404);
});

test("path traversal does not leak files outside the root", async () => {
  const attempts = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/assets/../../secret.txt",
    "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/../package.json",
    "/%2e%2e/package.json",
    "/office-js/../../../package.json",
    "/office-js/%2e%2e/%2e%2e/%2e%2e/package.json",
    "//etc/passwd",
    "/%00secret.txt",
    "/%E0%A4%A", // malformed escape
  ];
  for (const p of attempts) {
    const r = await request(served.url, p);
    expect({ p, ok: [400, 403, 404].includes(r.status) }).toEqual({ p, ok: true });
    expect(r.body.toString()).not.toContain(SECRET);
    expect(r.body.toString()).not.toContain('"name"');
  }
});

test("/office-js/office.js serves the real file from @microsoft/office-js", async () => {
  const r = await request(served.url, "/office-js/office.js");
  expect(r.status).toBe(200);
  expect(r.headers["content-type"]).toContain("javascript");
  expect(r.body.equals(fs.readFileSync(path.join(OFFICE_JS_ROOT, "office.js")))).toBe(true);
  expect(r.body.length).toBeGreaterThan(10_000);
});

test("only GET and HEAD (and CORS preflight) are allowed", async () => {
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    const r = await request(served.url, "/functions.json", method);
    expect({ method, status: r.status }).toEqual({ method, status: 405 });
    expect(r.headers.allow).toContain("GET");
  }
  const preflight = await request(served.url, "/functions.json", "OPTIONS");
  expect(preflight.status).toBe(204);
  expect(preflight.headers["access-control-allow-origin"]).toBe("*");
});

test("close() stops the server", async () => {
  const extra = await createServer({ root: dir, port: 0 });
  await extra.close();
  await expect(request(extra.url, "/taskpane.html")).rejects.toThrow();
});

// ---------------------------------------------------------------------------------------------- npm start

// The dev server of `npm start`: webpack-dev-server with the options of scripts/dev-server.js, over HTTPS
// with certificates made by office-addin-dev-certs. They are made into a temporary directory with
// generateCertificates, which writes files and installs nothing (installing into the system store needs
// sudo or a prompt), so the test needs neither the network nor the developer's own certificates.
type DevServerModule = {
  devServerOptions(options: { https?: object; port?: number; host?: string }): Record<string, unknown>;
  OFFICE_JS_ROOT: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const devServer = require("../../scripts/dev-server") as DevServerModule;

describe("the dev server of npm start (webpack-dev-server, office-addin-dev-certs)", () => {
  let work: string;
  let ca: Buffer;
  let port: number;
  let stop: () => Promise<void>;

  /** An HTTPS request to the dev server that trusts only the generated CA and checks the name localhost. */
  function secure(rawPath: string, method = "GET"): Promise<Reply> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require("https") as typeof import("https");
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: "127.0.0.1", servername: "localhost", port, path: rawPath, method, ca, headers: { host: `localhost:${port}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.end();
    });
  }

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "dutydesk-devserver-"));
    const certs = {
      ca: path.join(work, "certs", "ca.crt"),
      cert: path.join(work, "certs", "localhost.crt"),
      key: path.join(work, "certs", "localhost.key"),
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require("office-addin-dev-certs") as { generateCertificates(ca: string, cert: string, key: string): Promise<void> }).generateCertificates(
      certs.ca,
      certs.cert,
      certs.key,
    );
    ca = fs.readFileSync(certs.ca);
    fs.writeFileSync(path.join(work, "entry.js"), "globalThis.dutydeskDevServerTest = 1;\n");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const webpack = require("webpack") as (config: object) => {
      hooks: { done: { tap(name: string, f: (stats: { hasErrors(): boolean }) => void): void } };
    };
    const WebpackDevServer = require("webpack-dev-server") as new (
      options: object,
      compiler: object,
    ) => { start(): Promise<void>; stop(): Promise<void>; server: { address(): { port: number } } };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const compiler = webpack({
      mode: "development",
      stats: "errors-only",
      context: work,
      entry: { functions: "./entry.js" },
      output: { path: path.join(work, "out"), filename: "[name].js" },
      infrastructureLogging: { level: "error" },
    });
    const built = new Promise<{ hasErrors(): boolean }>((resolve) => compiler.hooks.done.tap("test", resolve));
    const https = { ca, cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) };
    const server = new WebpackDevServer(devServer.devServerOptions({ https, port: 0 }), compiler);
    await server.start();
    expect((await built).hasErrors()).toBe(false);
    port = server.server.address().port;
    stop = () => server.stop();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test("speaks HTTPS with a localhost certificate issued by the office-addin-dev-certs CA", async () => {
    const r = await secure("/functions.js");
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain("dutydeskDevServerTest");
    // Without the CA the certificate is not trusted: the chain really is the generated one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require("https") as typeof import("https");
    await expect(
      new Promise((resolve, reject) =>
        https.get({ host: "127.0.0.1", servername: "localhost", port, path: "/functions.js" }, resolve).on("error", reject),
      ),
    ).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  test("every response carries CORS; functions.js is never cached", async () => {
    const r = await secure("/functions.js?v=1");
    expect(r.headers["access-control-allow-origin"]).toBe("*");
    expect(r.headers["cache-control"]).toBe("no-store");
  });

  test("writes the build to disk too (dist-dev/manifest.xml is uploaded to Excel on the web)", () => {
    expect(fs.existsSync(path.join(work, "out", "functions.js"))).toBe(true);
  });

  test("/office-js/office.js serves the real file from @microsoft/office-js", async () => {
    const r = await secure("/office-js/office.js");
    expect(r.status).toBe(200);
    expect(r.body.equals(fs.readFileSync(path.join(devServer.OFFICE_JS_ROOT, "office.js")))).toBe(true);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
  });

  test("does not leak files outside what it serves", async () => {
    for (const p of [
      "/../package.json",
      "/%2e%2e/package.json",
      "/office-js/../../../package.json",
      "/office-js/%2e%2e/%2e%2e/%2e%2e/package.json",
    ]) {
      const r = await secure(p);
      expect({ p, ok: [400, 403, 404].includes(r.status) }).toEqual({ p, ok: true });
      expect(r.body.toString()).not.toContain('"name"');
    }
  });

  test("a build asks for no certificate: webpack.config.js adds the dev server only under webpack serve", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require("../../webpack.config.js") as (env: object, argv: object) => Record<string, unknown>)({}, { mode: "development" });
    expect(config.devServer).toBeUndefined();
    expect(typeof (config as { then?: unknown }).then).toBe("undefined");
  });
});
