// scripts/serve.js: the static server used by `npm start` (over HTTPS) and by browser tests (over HTTP).
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
