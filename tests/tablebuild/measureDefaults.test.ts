import { BuildError } from "../../src/tablebuild/buildError";
import { measuresWithDefaults } from "../../src/tablebuild/measureDefaults";

/**
 * Source defaults (data/source/README.md, "Defaults"): a file's `defaults:` and a section's `- defaults:`
 * entry give fields to the measures after them; a row's own field wins, tags append, null unsets, and
 * `{heading}` names the row's Chapter 99 number. The merged row is written in schema field order.
 */
const rows = (defaults: unknown, measures: unknown[]) => measuresWithDefaults("test.yaml", defaults, measures);

describe("measure defaults", () => {
  it("gives a row every default field it does not set, and the row's own value wins", () => {
    const [a, b] = rows({ importer: "US", confidence: "confirmed", rate: { add: "10" } }, [{ id: "a" }, { id: "b", confidence: "uncertain" }]);
    expect(a).toEqual({
      id: "a",
      importer: "US",
      confidence: "confirmed",
      rate: { add: "10" },
    });
    expect(b).toEqual({
      id: "b",
      importer: "US",
      confidence: "uncertain",
      rate: { add: "10" },
    });
  });

  it("replaces a list or mapping whole: no element of the default survives", () => {
    const [row] = rows(
      {
        citations: ["90 FR 1", "CSMS 1"],
        claims: { requires: ["X"], waivedBy: ["Y"] },
      },
      [{ id: "a", citations: ["91 FR 2"], claims: { waivedBy: ["Z"] } }],
    );
    expect(row!.citations).toEqual(["91 FR 2"]);
    expect(row!.claims).toEqual({ waivedBy: ["Z"] });
  });

  it("appends a row's tags to the defaults' and a section's to the file's, and refuses a tag given twice", () => {
    const out = rows({ tags: ["s301"] }, [{ defaults: { tags: ["s301-fl"] } }, { id: "a", tags: ["s301-fl-exemption"] }, { id: "b" }]);
    expect(out.map((r) => r.tags)).toEqual([
      ["s301", "s301-fl", "s301-fl-exemption"],
      ["s301", "s301-fl"],
    ]);
    expect(() => rows({ tags: ["s301"] }, [{ id: "a", tags: ["s301"] }])).toThrow(/measures\[0\] \(a\): tag s301 is already given by the defaults/);
  });

  it("starts a section at each defaults entry: the next section's defaults replace the last one's, the file's stay", () => {
    const out = rows({ importer: "US" }, [{ defaults: { priority: 10, group: "g" } }, { id: "a" }, { defaults: { priority: 100 } }, { id: "b" }]);
    expect(out).toEqual([
      { id: "a", importer: "US", group: "g", priority: 10 },
      { id: "b", importer: "US", priority: 100 },
    ]);
  });

  it("unsets a default for a row that says null", () => {
    const [row] = rows({ to: "2026-02-24", claims: { waivedBy: ["IEEPA-1702B"] } }, [{ id: "a", claims: null }]);
    expect(row).toEqual({ id: "a", to: "2026-02-24" });
  });

  it("fills {heading} in a default's text with the Chapter 99 number of the row's heading", () => {
    const conflict = {
      sources: "Heading {heading} postdates the inputs.",
      choice: "Label.",
    };
    const [row] = rows({ conflict }, [{ id: "a", heading: "9903.05.20 (HTS Rev 13)" }]);
    expect(row!.conflict).toEqual({
      sources: "Heading 9903.05.20 postdates the inputs.",
      choice: "Label.",
    });
    expect(() => rows({ conflict }, [{ id: "b", heading: "Ann. No. 4 of 2025" }])).toThrow(/measures\[0\] \(b\): a default says \{heading\}/);
  });

  it("writes the merged row in schema field order, whatever order the YAML gives", () => {
    const [row] = rows({ voidedBy: "r", importer: "US" }, [{ tags: ["t"], id: "a", title: "x" }]);
    expect(Object.keys(row!)).toEqual(["id", "importer", "title", "tags", "voidedBy"]);
  });

  it("refuses a default for a field a measure does not have, or for id", () => {
    expect(() => rows({ voidBy: "scotus-ieepa-2026" }, [{ id: "a" }])).toThrow(BuildError);
    expect(() => rows({ voidBy: "scotus-ieepa-2026" }, [{ id: "a" }])).toThrow(/test\.yaml: defaults: unknown field voidBy/);
    expect(() => rows(undefined, [{ defaults: { heading: "x", priorty: 1 } }])).toThrow(/measures\[0\]\.defaults: unknown field priorty/);
    expect(() => rows({ id: "x" }, [{ id: "a" }])).toThrow(/id cannot have a default/);
  });

  it("refuses a row with a field a measure does not have", () => {
    expect(() => rows(undefined, [{ id: "a", voidBy: "x" }])).toThrow(/measures\[0\] \(a\): unknown field voidBy/);
  });
});
