/*
 * The one gate every DUTY call passes (src/runtime/tableStore.ts): open, it answers at once; held (the
 * pinned release is loading), calls wait, bounded by a limit that can be set; refused (the pinned release
 * cannot be had), calls get the reason, never a table.
 */
import { gated } from "../../src/functions/tableGate";
import {
  CALL_WAIT_MS,
  TableUnavailableError,
  callGate,
  holdCalls,
  peekTable,
  refuseCalls,
  setCallWaitLimit,
  tableForCall,
  useTable,
} from "../../src/runtime/tableStore";
import { installCustomFunctionsRuntime, uninstallCustomFunctionsRuntime } from "../support/customFunctionsRuntime";

beforeAll(() => installCustomFunctionsRuntime());
afterAll(() => uninstallCustomFunctionsRuntime());

afterEach(() => {
  setCallWaitLimit(CALL_WAIT_MS);
  useTable(peekTable());
});

describe("the table gate", () => {
  it("is open outside a workbook: the table, synchronously", () => {
    expect(tableForCall()).toBe(peekTable());
    expect(gated(() => 42)).toBe(42);
  });

  it("holds calls while the pin loads and lets them through with the pinned table once it is in", async () => {
    holdCalls("loading the pinned release X");
    const waiting = tableForCall();
    expect(waiting).toBeInstanceOf(Promise);
    const cell = gated(() => 7);
    expect(cell).toBeInstanceOf(Promise);
    useTable(peekTable());
    await expect(waiting).resolves.toBe(peekTable());
    await expect(cell).resolves.toBe(7);
  });

  it("bounds the wait (the limit is settable): past it the call answers #N/A with the reason", async () => {
    setCallWaitLimit(20);
    holdCalls("loading the pinned release X");
    const started = Date.now();
    await expect(tableForCall() as Promise<unknown>).rejects.toThrow(
      new TableUnavailableError("the workbook's pinned release is still loading after 0 s (loading the pinned release X); open DutyDesk to see why"),
    );
    expect(Date.now() - started).toBeLessThan(CALL_WAIT_MS);
    await expect(gated(() => 1) as Promise<unknown>).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("still loading") });
  });

  it("refuses every call when the pinned release cannot be had, including calls that were waiting", async () => {
    holdCalls("loading the pinned release X");
    const waiting = tableForCall() as Promise<unknown>;
    refuseCalls("pinned release X (sha abababababab…) is not available here: open DutyDesk to fetch it");
    await expect(waiting).rejects.toThrow(/pinned release X .* is not available here/);
    expect(tableForCall()).toBeInstanceOf(TableUnavailableError);
    expect(() => gated(() => 1)).toThrow(expect.objectContaining({ code: "#N/A" }));
    expect(callGate()).toEqual({ kind: "refused", message: expect.stringContaining("not available here") });
    useTable(peekTable());
    expect(callGate()).toEqual({ kind: "open" });
  });
});
