// Offline structural checks of manifest.xml. Microsoft's validator (office-addin-manifest validate) needs the
// network, and no package ships the XSDs, so this encodes the rules that break a shared-runtime add-in silently:
// element order, the shared Runtime/Page/FunctionFile resid, resource references, icon files, and the
// production URL rewrite.
import * as fs from "fs";
import * as path from "path";
import { DOMParser, onWarningStopParsing } from "@xmldom/xmldom";

type ManifestUrls = {
  DEV_BASE_URL: string;
  rewriteManifestUrls(xml: string, fromBase: string, toBase: string): string;
  countOccurrences(haystack: string, needle: string): number;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_BASE_URL, rewriteManifestUrls, countOccurrences } = require("../../scripts/manifest-urls") as ManifestUrls;

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";

const xml = fs.readFileSync(MANIFEST_PATH, "utf8");
const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, "text/xml");
const root = doc.documentElement as unknown as Element;

// ---------------------------------------------------------------- DOM helpers

function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function allElements(el: Element = root): Element[] {
  const out: Element[] = [];
  const walk = (e: Element): void => {
    out.push(e);
    childElements(e).forEach(walk);
  };
  walk(el);
  return out;
}

function child(el: Element, name: string): Element {
  const found = childElements(el).filter((c) => c.localName === name);
  if (found.length !== 1) throw new Error(`<${el.localName}> has ${found.length} <${name}> children, expected 1`);
  return found[0] as Element;
}

function pathOf(...names: string[]): Element {
  return names.reduce<Element>((el, name) => child(el, name), root);
}

function xsiType(el: Element): string | null {
  return el.getAttributeNS(XSI, "type");
}

/** Children must appear in `documented` order (a subsequence of it) and include every `required` name. */
function expectOrder(el: Element, documented: string[], required: string[] = documented): void {
  const names = childElements(el).map((c) => c.localName);
  const unknown = names.filter((n) => !documented.includes(n));
  expect({ element: el.localName, unknown }).toEqual({ element: el.localName, unknown: [] });
  const positions = names.map((n) => documented.indexOf(n));
  const sorted = [...positions].sort((a, b) => a - b);
  expect({ element: el.localName, order: names }).toEqual({
    element: el.localName,
    order: sorted.map((i) => documented[i]),
  });
  const missing = required.filter((r) => !names.includes(r));
  expect({ element: el.localName, missing }).toEqual({ element: el.localName, missing: [] });
}

const hostInOverrides = pathOf("VersionOverrides", "Hosts", "Host");
const customFunctions = childElements(child(hostInOverrides, "AllFormFactors")).find(
  (e) => e.localName === "ExtensionPoint" && xsiType(e) === "CustomFunctions",
) as Element;
const desktop = child(hostInOverrides, "DesktopFormFactor");
const resources = pathOf("VersionOverrides", "Resources");

type Kind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const KINDS: Kind[] = ["Images", "Urls", "ShortStrings", "LongStrings"];

function definitions(kind: Kind): Element[] {
  const group = childElements(resources).find((e) => e.localName === kind);
  return group ? childElements(group) : [];
}

function resource(kind: Kind, id: string): Element {
  const found = definitions(kind).filter((e) => e.getAttribute("id") === id);
  if (found.length !== 1) throw new Error(`${kind} "${id}" defined ${found.length} times`);
  return found[0] as Element;
}

/** Which resource table a resid on this element must point into. */
function expectedKind(el: Element): Kind {
  switch (el.localName) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "FunctionFile":
    case "Runtime":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description": // GetStarted/Description and Supertip/Description
      return "LongStrings";
    default:
      throw new Error(`no rule for resid on <${el.localName}>`);
  }
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (buf.toString("ascii", 12, 16) !== "IHDR") throw new Error(`${file}: first chunk is not IHDR`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function urlValues(text: string): string[] {
  return [...text.matchAll(/(?:DefaultValue|Value)="([^"]*:\/\/[^"]*)"/g)].map((m) => m[1] as string);
}

// ---------------------------------------------------------------- tests

describe("manifest.xml structure", () => {
  test("root is OfficeApp of type TaskPaneApp for Excel (Workbook)", () => {
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe("http://schemas.microsoft.com/office/appforoffice/1.1");
    expect(xsiType(root)).toBe("TaskPaneApp");
    expect(childElements(pathOf("Hosts")).map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    expect(pathOf("Id").textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(pathOf("ProviderName").textContent).toBe("DutyDesk");
    expect(pathOf("DisplayName").getAttribute("DefaultValue")).toBe("DutyDesk");
    expect(pathOf("Permissions").textContent).toBe("ReadWriteDocument");
    expect(pathOf("DefaultSettings", "SourceLocation").getAttribute("DefaultValue")).toBe(`${DEV_BASE_URL}taskpane.html`);
  });

  test("top-level elements follow the documented TaskPaneApp order", () => {
    expectOrder(
      root,
      [
        "Id",
        "AlternateId",
        "Version",
        "ProviderName",
        "DefaultLocale",
        "DisplayName",
        "Description",
        "IconUrl",
        "HighResolutionIconUrl",
        "SupportUrl",
        "AppDomains",
        "Hosts",
        "Requirements",
        "DefaultSettings",
        "Permissions",
        "Dictionary",
        "VersionOverrides",
        "ExtendedOverrides",
      ],
      ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions", "VersionOverrides"],
    );
  });

  test("nested elements follow the documented VersionOverrides order", () => {
    const vo = pathOf("VersionOverrides");
    expect(vo.namespaceURI).toBe(OVERRIDES);
    expect(xsiType(vo)).toBe("VersionOverridesV1_0");
    expectOrder(vo, ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"], ["Hosts", "Resources"]);
    expectOrder(hostInOverrides, ["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    expectOrder(customFunctions, ["Script", "Page", "Metadata", "Namespace"]);
    expectOrder(desktop, ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expectOrder(child(desktop, "GetStarted"), ["Title", "Description", "LearnMoreUrl"]);
    expectOrder(resources, KINDS, []);

    const surface = childElements(desktop).find((e) => xsiType(e) === "PrimaryCommandSurface") as Element;
    const tab = child(surface, "OfficeTab");
    expect(tab.getAttribute("id")).toBe("TabHome");
    const group = child(tab, "Group");
    expectOrder(group, ["OverriddenByRibbonApi", "Label", "Icon", "Control"], ["Label", "Icon", "Control"]);
    const control = child(group, "Control");
    expect(xsiType(control)).toBe("Button");
    expectOrder(control, ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled"], ["Label", "Supertip", "Icon", "Action"]);
    expectOrder(child(control, "Supertip"), ["Title", "Description"]);
    const action = child(control, "Action");
    expect(xsiType(action)).toBe("ShowTaskpane");
    // One task pane per shared runtime: no TaskpaneId.
    expectOrder(action, ["TaskpaneId", "SourceLocation", "Title"], ["SourceLocation"]);
    expect(childElements(action).some((e) => e.localName === "TaskpaneId")).toBe(false);
  });

  test("requirements: SharedRuntime 1.1 and CustomFunctionsRuntime 1.3", () => {
    const sets = pathOf("Requirements", "Sets");
    expect(sets.getAttribute("DefaultMinVersion")).toBe("1.1");
    const byName = Object.fromEntries(childElements(sets).map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(byName).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" });
  });

  test("Runtimes is the first child of Host and the runtime is long-lived", () => {
    const first = childElements(hostInOverrides)[0] as Element;
    expect(first.localName).toBe("Runtimes");
    const runtimes = childElements(first);
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]?.localName).toBe("Runtime");
    expect(runtimes[0]?.getAttribute("lifetime")).toBe("long");
  });

  test("Runtime, custom-functions Page, FunctionFile and ShowTaskpane share one resid (Taskpane.Url)", () => {
    const runtimeResid = child(child(hostInOverrides, "Runtimes"), "Runtime").getAttribute("resid");
    const pageResid = child(child(customFunctions, "Page"), "SourceLocation").getAttribute("resid");
    const functionFileResid = child(desktop, "FunctionFile").getAttribute("resid");
    const actionResids = allElements(desktop)
      .filter((e) => e.localName === "Action")
      .map((a) => child(a, "SourceLocation").getAttribute("resid"));
    expect(runtimeResid).toBe("Taskpane.Url");
    expect([pageResid, functionFileResid, ...actionResids]).toEqual(Array(2 + actionResids.length).fill(runtimeResid));
    // ...and it is the same page as the base manifest's DefaultSettings.
    expect(resource("Urls", "Taskpane.Url").getAttribute("DefaultValue")).toBe(
      pathOf("DefaultSettings", "SourceLocation").getAttribute("DefaultValue"),
    );
  });

  test("custom functions point at functions.js / functions.json and the DUTY namespace", () => {
    const script = child(child(customFunctions, "Script"), "SourceLocation").getAttribute("resid") as string;
    const metadata = child(child(customFunctions, "Metadata"), "SourceLocation").getAttribute("resid") as string;
    expect(resource("Urls", script).getAttribute("DefaultValue")).toBe(`${DEV_BASE_URL}functions.js`);
    expect(resource("Urls", metadata).getAttribute("DefaultValue")).toBe(`${DEV_BASE_URL}functions.json`);
    const ns = child(customFunctions, "Namespace").getAttribute("resid") as string;
    expect(resource("ShortStrings", ns).getAttribute("DefaultValue")).toBe("DUTY");
  });

  test("every resid resolves to a resource of the right kind, and every resource is used", () => {
    const users = allElements().filter((e) => e.hasAttribute("resid"));
    expect(users.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const el of users) {
      const resid = el.getAttribute("resid") as string;
      const kind = expectedKind(el);
      expect({ resid, kind, defined: definitions(kind).some((d) => d.getAttribute("id") === resid) }).toEqual({ resid, kind, defined: true });
      // resid values are limited to 32 characters.
      expect(resid.length).toBeLessThanOrEqual(32);
      used.add(`${kind}:${resid}`);
    }
    const unused = KINDS.flatMap((kind) => definitions(kind).map((d) => `${kind}:${d.getAttribute("id")}`)).filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });

  test("no resource id is defined twice, and definitions are bt:Image / bt:Url / bt:String", () => {
    const ids: string[] = [];
    for (const kind of KINDS) {
      for (const def of definitions(kind)) {
        expect(def.namespaceURI).toBe(BT);
        expect(def.localName).toBe(kind === "Images" ? "Image" : kind === "Urls" ? "Url" : "String");
        expect(def.getAttribute("DefaultValue")).toBeTruthy();
        ids.push(def.getAttribute("id") as string);
      }
    }
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  test("short strings fit in 125 characters, long strings in 250", () => {
    for (const def of definitions("ShortStrings")) expect((def.getAttribute("DefaultValue") as string).length).toBeLessThanOrEqual(125);
    for (const def of definitions("LongStrings")) expect((def.getAttribute("DefaultValue") as string).length).toBeLessThanOrEqual(250);
    expect((pathOf("Description").getAttribute("DefaultValue") as string).length).toBeLessThanOrEqual(250);
  });

  test("every URL is https://localhost:3000/...", () => {
    const urls = urlValues(xml).filter((u) => !u.startsWith("http://schemas.") && !u.startsWith("http://www.w3.org/"));
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(DEV_BASE_URL)).toBe(true);
  });

  test("icons referenced exist in assets/ with the declared pixel size", () => {
    const checks: Array<{ url: string; size: number }> = [
      { url: pathOf("IconUrl").getAttribute("DefaultValue") as string, size: 32 },
      { url: pathOf("HighResolutionIconUrl").getAttribute("DefaultValue") as string, size: 64 },
    ];
    for (const img of allElements().filter((e) => e.localName === "Image" && e.namespaceURI === BT && e.hasAttribute("resid"))) {
      const def = resource("Images", img.getAttribute("resid") as string);
      checks.push({ url: def.getAttribute("DefaultValue") as string, size: Number(img.getAttribute("size")) });
    }
    for (const { url, size } of checks) {
      expect(url.startsWith(`${DEV_BASE_URL}assets/`)).toBe(true);
      const file = path.join(ROOT, url.slice(DEV_BASE_URL.length));
      expect({ file, exists: fs.existsSync(file) }).toEqual({ file, exists: true });
      expect({ file, ...pngSize(file) }).toEqual({ file, width: size, height: size });
    }
    // Every icon in assets/ is a real PNG of the size its name says.
    for (const name of fs.readdirSync(path.join(ROOT, "assets")).filter((f) => /^icon-\d+\.png$/.test(f))) {
      const n = Number(/\d+/.exec(name)?.[0]);
      expect({ name, ...pngSize(path.join(ROOT, "assets", name)) }).toEqual({ name, width: n, height: n });
    }
  });
});

describe("production URL rewrite (scripts/manifest-urls.js)", () => {
  const PROD = "https://dutydesk.example/addin/";

  test("rewrites every occurrence and leaves no localhost", () => {
    const n = countOccurrences(xml, DEV_BASE_URL);
    // Runtime page, functions.js/.json, support, 3 ribbon icons, Icon/HighRes icons, DefaultSettings.
    expect(n).toBeGreaterThanOrEqual(9);
    expect(countOccurrences(xml, "localhost")).toBe(n);

    const out = rewriteManifestUrls(xml, DEV_BASE_URL, PROD);
    expect(out).not.toMatch(/localhost/i);
    expect(countOccurrences(out, PROD)).toBe(n);
    expect(out.length).toBe(xml.length + n * (PROD.length - DEV_BASE_URL.length));
    // The result is still well-formed and still passes the resid checks' basis.
    const reparsed = new DOMParser({ onError: onWarningStopParsing }).parseFromString(out, "text/xml");
    expect(reparsed.documentElement?.localName).toBe("OfficeApp");
  });

  test("the template bug (replace first occurrence only) would be caught", () => {
    const firstOnly = xml.replace(DEV_BASE_URL, PROD);
    expect(() => rewriteManifestUrls(firstOnly, "https://nothing-to-replace/", PROD)).toThrow(/localhost/);
  });

  test("rejects non-https or malformed production bases", () => {
    expect(() => rewriteManifestUrls(xml, DEV_BASE_URL, "http://dutydesk.example/addin/")).toThrow(/https/);
    expect(() => rewriteManifestUrls(xml, DEV_BASE_URL, "https://dutydesk.example/addin")).toThrow(/end with/);
    expect(() => rewriteManifestUrls(xml, DEV_BASE_URL, "ftp://dutydesk.example/")).toThrow(/https/);
    expect(() => rewriteManifestUrls(xml, DEV_BASE_URL, "https://localhost:8443/")).toThrow(/localhost/);
  });

  test("DEV_BASE_URL is the documented dev origin", () => {
    expect(DEV_BASE_URL).toBe("https://localhost:3000/");
  });
});
