// manifest.xml against Microsoft's XML schemas for add-in manifests, offline, with xmllint (xmllint-wasm).
//
// `office-addin-manifest validate` posts the manifest to a Microsoft web service, which this machine cannot
// reach. No npm package we know of ships the schemas themselves (checked: office-addin-manifest,
// office-addin-manifest-converter, office-addin-validator and every *.xsd under node_modules), and we do not
// commit copies of Microsoft's files. So the schemas are looked up where a package or a developer puts them:
//   - $DUTYDESK_MANIFEST_XSD_DIR, a directory of *.xsd files (for example the schemas from Microsoft's
//     "Office Add-ins manifest schema reference"), or
//   - any *.xsd under node_modules whose targetNamespace is one of the manifest's Microsoft namespaces.
// The entry schema is the one whose targetNamespace is the root element's namespace; the others are preloaded
// for its imports, under their own file names. Without schemas the validation is skipped, saying so; the
// structural rules stay in manifest.test.ts, and the harness itself is tested below on a schema of our own.
import * as fs from "fs";
import * as path from "path";
import { XMLFileInfo, validateXML } from "xmllint-wasm";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const MICROSOFT_NS = "http://schemas.microsoft.com/office/";

interface Schema extends XMLFileInfo {
  readonly fileName: string;
  readonly contents: string;
  readonly targetNamespace: string | null;
}

function targetNamespace(xsd: string): string | null {
  return /<(?:\w+:)?schema\b[^>]*\btargetNamespace="([^"]+)"/.exec(xsd)?.[1] ?? null;
}

function xsdFiles(dir: string, out: string[] = [], seen = new Set<string>()): string[] {
  // Each real directory once: a symlink loop (a node_modules linked into itself) must not recurse forever.
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return out;
  }
  if (seen.has(real)) return out;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isDirectory())) xsdFiles(full, out, seen);
    else if (e.name.toLowerCase().endsWith(".xsd")) out.push(full);
  }
  return out;
}

function load(files: readonly string[]): Schema[] {
  return files.map((f) => {
    const contents = fs.readFileSync(f, "utf8");
    return { fileName: path.basename(f), contents, targetNamespace: targetNamespace(contents) };
  });
}

/** Microsoft's manifest schemas, from $DUTYDESK_MANIFEST_XSD_DIR or a package; [] when there are none. */
function findManifestSchemas(): Schema[] {
  const fromEnv = process.env.DUTYDESK_MANIFEST_XSD_DIR;
  if (fromEnv) {
    const schemas = load(xsdFiles(path.resolve(fromEnv)));
    if (schemas.length === 0) throw new Error(`DUTYDESK_MANIFEST_XSD_DIR=${fromEnv} holds no *.xsd files`);
    return schemas;
  }
  return load(xsdFiles(path.join(ROOT, "node_modules"))).filter((s) => s.targetNamespace?.startsWith(MICROSOFT_NS));
}

/** Validates `xml` against the schema for its root namespace, with the other schemas preloaded for imports. */
async function validateAgainst(xml: string, fileName: string, schemas: readonly Schema[]) {
  // The root element's default namespace: the first tag once the declaration and comments are gone.
  const rootNs = /^\s*<[\w:.-]+\b[^>]*?\sxmlns="([^"]+)"/.exec(xml.replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->/g, ""))?.[1];
  const entry = schemas.find((s) => s.targetNamespace === rootNs);
  if (!entry)
    throw new Error(
      `no schema has targetNamespace ${rootNs ?? "(none)"}; have: ${schemas.map((s) => `${s.fileName} (${s.targetNamespace})`).join(", ")}`,
    );
  return validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: entry.fileName, contents: entry.contents }],
    preload: schemas.filter((s) => s !== entry).map((s) => ({ fileName: s.fileName, contents: s.contents })),
  });
}

const schemas = findManifestSchemas();

describe("manifest.xml against Microsoft's manifest XSDs", () => {
  (schemas.length > 0 ? it : it.skip)(
    schemas.length > 0
      ? `is valid against ${schemas.map((s) => s.fileName).join(", ")}`
      : "is valid against Microsoft's XSDs (skipped: no package ships them; set DUTYDESK_MANIFEST_XSD_DIR to a directory of them)",
    async () => {
      const result = await validateAgainst(fs.readFileSync(MANIFEST, "utf8"), "manifest.xml", schemas);
      expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
      expect(result.valid).toBe(true);
    },
  );
});

// The harness, on a two-namespace schema of our own (an entry schema importing another, as Microsoft's do).
describe("the XSD harness", () => {
  const app: Schema = {
    fileName: "app.xsd",
    targetNamespace: "urn:test:app",
    contents: `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:test:types" targetNamespace="urn:test:app" elementFormDefault="qualified">
  <xs:import namespace="urn:test:types" schemaLocation="types.xsd"/>
  <xs:element name="OfficeApp">
    <xs:complexType><xs:sequence>
      <xs:element name="Id" type="t:Guid"/>
      <xs:element name="Version" type="xs:string"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>`,
  };
  const types: Schema = {
    fileName: "types.xsd",
    targetNamespace: "urn:test:types",
    contents: `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:types">
  <xs:simpleType name="Guid"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/></xs:restriction></xs:simpleType>
</xs:schema>`,
  };
  const doc = (id: string, order = ["Id", "Version"]) =>
    `<?xml version="1.0"?>\n<!-- a comment -->\n<OfficeApp xmlns="urn:test:app">${order.map((n) => (n === "Id" ? `<Id>${id}</Id>` : "<Version>1.0</Version>")).join("")}</OfficeApp>`;

  it("accepts a valid document, resolving the import from the preloaded schema", async () => {
    const r = await validateAgainst(doc("05c2e1c9-3e1d-406e-9a91-e9ac64854143"), "ok.xml", [types, app]);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it("reports a type error from the imported schema and an element out of order, with their lines", async () => {
    const bad = await validateAgainst(doc("not-a-guid"), "bad.xml", [app, types]);
    expect(bad.valid).toBe(false);
    expect(bad.errors[0]!.rawMessage).toMatch(/Id.*not-a-guid|not-a-guid.*Guid|pattern/);
    const order = await validateAgainst(doc("05c2e1c9-3e1d-406e-9a91-e9ac64854143", ["Version", "Id"]), "order.xml", [app, types]);
    expect(order.valid).toBe(false);
    expect(order.errors[0]!.loc?.lineNumber).toBe(3);
  });

  it("says which schema is missing rather than passing", async () => {
    await expect(validateAgainst(doc("x"), "x.xml", [types])).rejects.toThrow(/no schema has targetNamespace urn:test:app/);
  });
});
