/*
 * Sync in Node (its fetch is the same WHATWG API as the browser's): URL rules, index parsing, and every
 * limit of the bounded download against a local server that behaves or misbehaves on purpose.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { fetchBounded } from "../../src/sync/boundedFetch";
import { FeedError } from "../../src/sync/feedError";
import { parseFeedIndex } from "../../src/sync/feedIndex";
import { defaultFeedUrl, resolveFeedUrl } from "../../src/sync/feedUrl";
import { checkForUpdate, fetchPinnedRelease } from "../../src/sync/syncRelease";
import { embeddedRelease, indexJson, newerRelease } from "../support/feedFixtures";

let server: Server;
let base: string;
let routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes[(req.url ?? "").split("?")[0]!];
    if (handler) handler(req, res);
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

afterEach(() => {
  routes = {};
});

async function failure(p: Promise<unknown>): Promise<FeedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FeedError) return e;
    throw e;
  }
  throw new Error("expected a FeedError");
}

describe("feed URLs", () => {
  it.each([
    ["https://feeds.example.com/dutydesk/index.json", true],
    ["http://localhost:3000/feed/index.json", true],
    ["http://127.0.0.1:8080/feed/index.json", true],
    ["http://feeds.example.com/index.json", false],
    ["ftp://feeds.example.com/index.json", false],
    ["https://user:secret@feeds.example.com/index.json", false],
    ["javascript:alert(1)", false],
  ])("%s allowed: %s", (url, ok) => {
    expect(resolveFeedUrl(url, "https://addin.example/taskpane.html").ok).toBe(ok);
  });

  it("resolves relative input against the add-in, and defaults to the add-in's own feed", () => {
    const r = resolveFeedUrl("feeds/index.json", "https://addin.example/app/taskpane.html");
    expect(r.ok && r.url.href).toBe("https://addin.example/app/feeds/index.json");
    expect(defaultFeedUrl("https://addin.example/app/taskpane.html?x=1")).toBe("https://addin.example/app/feed/index.json");
  });
});

describe("feed index", () => {
  const url = new URL("https://feeds.example.com/f/index.json");
  const entry = { id: "2026.12a", released: "2026-12-05", file: "2026.12a.dutytable", sha256: "a".repeat(64), size: 1000, summary: "s" };

  it("reads entries newest first, with release URLs resolved against the index", () => {
    const index = parseFeedIndex(
      JSON.stringify({ format: "dutydesk-feed/1", releases: [{ ...entry, id: "2026.11a", released: "2026-11-28" }, entry] }),
      url,
    );
    expect(index.releases.map((r) => r.id)).toEqual(["2026.12a", "2026.11a"]);
    expect(index.releases[0]!.url.href).toBe("https://feeds.example.com/f/2026.12a.dutytable");
  });

  it.each([
    ["not JSON", "<html>", /not valid JSON/],
    ["another format", JSON.stringify({ format: "x", releases: [] }), /is not a DutyDesk feed index/],
    [
      "a bad hash",
      JSON.stringify({ format: "dutydesk-feed/1", releases: [{ ...entry, sha256: "xyz" }] }),
      /releases\[0\]\.sha256 "xyz" is not well-formed/,
    ],
    [
      "an oversized release",
      JSON.stringify({ format: "dutydesk-feed/1", releases: [{ ...entry, size: 17_000_000 }] }),
      /is 17000000 bytes; the limit is 16777216/,
    ],
    [
      "a release over plain HTTP",
      JSON.stringify({ format: "dutydesk-feed/1", releases: [{ ...entry, file: "http://evil.example/x.dutytable" }] }),
      /feeds must use HTTPS/,
    ],
  ])("refuses %s", (_, text, message) => {
    expect(() => parseFeedIndex(text, url)).toThrow(message);
  });
});

describe("bounded download", () => {
  const options = { stage: "release" as const, maxBytes: 10_000, timeoutMs: 2_000, revalidate: false };

  it("returns the bytes and reports progress", async () => {
    routes["/ok"] = (_, res) => res.writeHead(200, { "Content-Length": "6" }).end("abcdef");
    const progress: number[] = [];
    const bytes = await fetchBounded(new URL(`${base}/ok`), { ...options, expectedBytes: 6, onProgress: (n) => progress.push(n) });
    expect(Buffer.from(bytes).toString()).toBe("abcdef");
    expect(progress[progress.length - 1]).toBe(6);
  });

  it("refuses an announced size over the limit before reading the body", async () => {
    let written = 0;
    routes["/big"] = (_, res) => {
      res.writeHead(200, { "Content-Length": "50000" });
      res.write("x".repeat(100));
      written += 100;
    };
    const e = await failure(fetchBounded(new URL(`${base}/big`), options));
    expect(e.kind).toBe("too-large");
    expect(e.message).toMatch(/49 KB according to the server; the limit is 9\.8 KB\. Nothing was downloaded\./);
    expect(written).toBe(100);
  });

  it("stops a body without Content-Length as soon as it passes the limit", async () => {
    let written = 0;
    let closed = false;
    routes["/stream"] = (_, res) => {
      res.writeHead(200);
      const pump = () => {
        while (written < 5_000_000 && !closed) {
          written += 1000;
          if (!res.write("y".repeat(1000))) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => (closed = true));
      pump();
    };
    const e = await failure(fetchBounded(new URL(`${base}/stream`), options));
    expect(e.kind).toBe("too-large");
    expect(e.message).toMatch(/grew past 9\.8 KB while downloading/);
    await new Promise((r) => setTimeout(r, 100));
    expect(written).toBeLessThan(5_000_000);
  });

  it("calls fewer bytes than the index announced truncated", async () => {
    routes["/short"] = (_, res) => res.writeHead(200).end("abc");
    const e = await failure(fetchBounded(new URL(`${base}/short`), { ...options, expectedBytes: 10 }));
    expect(e).toMatchObject({ kind: "truncated", message: expect.stringMatching(/is truncated: 3 bytes received, the feed index says 10 bytes/) });
  });

  it("times out a server that never answers", async () => {
    routes["/hang"] = () => undefined;
    const e = await failure(fetchBounded(new URL(`${base}/hang`), { ...options, timeoutMs: 200 }));
    expect(e).toMatchObject({ kind: "timeout", message: expect.stringMatching(/did not arrive within 200 ms/) });
  });

  it("calls a body cut short of its Content-Length truncated, not offline", async () => {
    routes["/cut"] = (_, res) => {
      res.writeHead(200, { "Content-Length": "5000" });
      res.write("x".repeat(1000));
      setTimeout(() => res.destroy(), 20); // the connection drops after 1,000 of 5,000 bytes
    };
    const e = await failure(fetchBounded(new URL(`${base}/cut`), options));
    expect(e.kind).toBe("truncated");
    expect(e.message).toMatch(/^the release is truncated: the connection ended after (1000 bytes|\d+(\.\d)? KB) of 4\.9 KB/);
    expect(e.message).not.toMatch(/offline/);
  });

  it("calls a chunked body that never finishes truncated too (the index has no announced size)", async () => {
    routes["/chunked-cut"] = (_, res) => {
      res.writeHead(200); // chunked
      res.write('{"format":"dutydesk-feed/1",');
      setTimeout(() => res.destroy(), 20);
    };
    const e = await failure(fetchBounded(new URL(`${base}/chunked-cut`), { ...options, stage: "index" }));
    expect(e).toMatchObject({
      kind: "truncated",
      message: expect.stringMatching(/^the feed index is truncated: the connection ended after 28 bytes/),
    });
  });

  it("reports a redirect loop as a redirect loop, not as offline", async () => {
    let hops = 0;
    routes["/loop"] = (_, res) => {
      hops++;
      res.writeHead(302, { Location: "/loop" }).end();
    };
    const e = await failure(fetchBounded(new URL(`${base}/loop`), options));
    expect(e.kind).toBe("redirect");
    expect(e.message).toMatch(/^the release at 127\.0\.0\.1:\d+ redirected too many times \(a redirect loop\?\)/);
    expect(e.message).not.toMatch(/offline/);
    expect(hops).toBeGreaterThan(1);
  });

  it("reports HTTP errors and unreachable hosts", async () => {
    expect((await failure(fetchBounded(new URL(`${base}/missing`), options))).message).toMatch(/the server answered 404/);
    expect((await failure(fetchBounded(new URL("http://127.0.0.1:1/x"), options))).kind).toBe("offline");
  });
});

describe("checkForUpdate and fetchPinnedRelease", () => {
  const embedded = embeddedRelease();
  const newer = newerRelease(embedded);

  it("finds the newer release, verifies it and returns its exact text", async () => {
    routes["/f/index.json"] = (_, res) => res.writeHead(200).end(indexJson([{ release: newer }, { release: embedded }]));
    routes[`/f/${newer.id}.dutytable`] = (_, res) => res.writeHead(200, { "Content-Length": String(newer.bytes.length) }).end(newer.bytes);
    const steps: string[] = [];
    const r = await checkForUpdate(`${base}/f/index.json`, embedded.table, { onProgress: (p) => steps.push(p.step) });
    expect(r.kind).toBe("update");
    if (r.kind === "update") {
      expect(r.release.table.sha256).toBe(newer.sha256);
      expect(r.release.text).toBe(newer.text);
    }
    expect(steps[0]).toBe("index");
    expect(steps).toContain("release");
    expect(steps[steps.length - 1]).toBe("verify");
  });

  it("is up to date when the latest release is the one in use", async () => {
    routes["/g/index.json"] = (_, res) => res.writeHead(200).end(indexJson([{ release: embedded }]));
    expect((await checkForUpdate(`${base}/g/index.json`, embedded.table)).kind).toBe("up-to-date");
    expect((await checkForUpdate(`${base}/g/index.json`, newer.table)).kind).toBe("up-to-date");
  });

  it("rejects a release whose id differs from the index entry", async () => {
    routes["/h/index.json"] = (_, res) =>
      res.writeHead(200).end(indexJson([{ release: { ...newer, id: "2026.12z" }, overrides: { file: `${newer.id}.dutytable` } }]));
    routes[`/h/${newer.id}.dutytable`] = (_, res) => res.writeHead(200).end(newer.bytes);
    expect((await failure(checkForUpdate(`${base}/h/index.json`, embedded.table))).message).toContain(
      `calls this release 2026.12z, but the file says ${newer.id}`,
    );
  });

  it("rejects a release whose date differs from the index entry, saying both dates", async () => {
    const index = JSON.parse(indexJson([{ release: newer }]));
    index.releases[0].released = "2026-12-01";
    routes["/d/index.json"] = (_, res) => res.writeHead(200).end(JSON.stringify(index));
    routes[`/d/${newer.id}.dutytable`] = (_, res) => res.writeHead(200).end(newer.bytes);
    const e = await failure(checkForUpdate(`${base}/d/index.json`, embedded.table));
    expect(e).toMatchObject({ kind: "invalid-release", stage: "verify" });
    expect(e.message).toBe(`the feed index dates ${newer.id} 2026-12-01, but the file says it was released ${newer.table.released}.`);
  });

  it("fetches a pinned release by its hash", async () => {
    routes["/p/index.json"] = (_, res) => res.writeHead(200).end(indexJson([{ release: newer }]));
    routes[`/p/${newer.id}.dutytable`] = (_, res) => res.writeHead(200).end(newer.bytes);
    expect((await fetchPinnedRelease(`${base}/p/index.json`, { release: newer.id, sha256: newer.sha256 })).table.id).toBe(newer.id);
    expect((await failure(fetchPinnedRelease(`${base}/p/index.json`, { release: "x", sha256: "0".repeat(64) }))).message).toMatch(/does not offer x/);
  });

  it("refuses a release it cannot check (the add-in's table checks did not load) as offline, and tries them again next time", async () => {
    routes["/c/index.json"] = (_, res) => res.writeHead(200).end(indexJson([{ release: newer }]));
    routes[`/c/${newer.id}.dutytable`] = (_, res) => res.writeHead(200).end(newer.bytes);
    // The bundle's checks (src/runtime/lazyDocumentChecks.ts) with a chunk that fails to load once, as offline.
    let loads = 0;
    let sync!: typeof import("../../src/sync/syncRelease");
    // The checks are imported after isolateModules returns, through this file's registry: start it empty.
    jest.resetModules();
    jest.isolateModules(() => {
      jest.doMock("../../src/engine/table/validateDocument", () => {
        if (++loads === 1) throw new Error("Loading chunk tablechecks failed");
        return jest.requireActual("../../src/engine/table/validateDocument");
      });
      jest.doMock("../../src/engine/table/documentChecks", () => jest.requireActual("../../src/runtime/lazyDocumentChecks"));
      sync = jest.requireActual("../../src/sync/syncRelease");
    });
    try {
      const url = `${base}/c/index.json`;
      // A FeedError of the isolated registry: compared by its fields.
      const e = await sync.checkForUpdate(url, embedded.table).then(
        () => null,
        (x: unknown) => x as FeedError,
      );
      expect(e).toMatchObject({ name: "FeedError", kind: "offline", stage: "verify" });
      expect(e!.message).toBe(
        `${newer.id} could not be checked: the add-in's table checks did not load (Loading chunk tablechecks failed). Try again when online.`,
      );
      const again = await sync.checkForUpdate(url, embedded.table);
      expect(again.kind === "update" && again.release.table.sha256).toBe(newer.sha256);
      expect(loads).toBe(2);
    } finally {
      jest.dontMock("../../src/engine/table/validateDocument");
      jest.dontMock("../../src/engine/table/documentChecks");
    }
  });
});
