/**
 * One fake Excel session: a document, its events, and the `Excel` namespace the add-in calls
 * (Excel.run, Excel.RequestContext and the enums it reads), all held to @types/office-js.
 */
import { FakeDocument } from "./document";
import { EventRegistry } from "./events";
import { FakeWorkbook } from "./proxies";
import { FakeRequestContext } from "./requestContext";
import { ERROR_CODES, FakeOfficeError } from "./officeError";

export class FakeRuntime {
  readonly events: EventRegistry;
  syncs = 0;

  constructor(readonly document: FakeDocument) {
    this.events = new EventRegistry(this);
    document.listen({
      worksheetChanged: (e) => this.events.onWorksheetChanged(e),
      settingsChanged: (source) => this.events.onSettingsChanged(source),
    });
  }

  newContext(): FakeRequestContext {
    return new FakeRequestContext(this, (c) => new FakeWorkbook(c));
  }

  afterSync(): void {
    this.syncs++;
  }

  /** Syncs still to succeed before the injected failure; null when none is armed. */
  private failAfter: number | null = null;
  /** Every sync started (failed ones included), to count where a failure was injected. */
  syncsStarted = 0;

  /** The next `skip` syncs succeed, the one after fails (with GeneralException, as a dropped request does). */
  failSync(skip: number): void {
    this.failAfter = skip;
  }

  takeInjectedFailure(): FakeOfficeError | null {
    this.syncsStarted++;
    if (this.failAfter === null) return null;
    if (this.failAfter > 0) {
      this.failAfter--;
      return null;
    }
    this.failAfter = null;
    return new FakeOfficeError(ERROR_CODES.generalException, "An internal error has occurred. (injected by the test)", "RequestContext.sync");
  }
}

type EnumValues<E> = { readonly [K in keyof E]: `${E[K] & string}` };

const SheetVisibility = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const satisfies EnumValues<
  typeof Excel.SheetVisibility
>;
const CalculationType = { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" } as const satisfies EnumValues<
  typeof Excel.CalculationType
>;
const EventSource = { local: "Local", remote: "Remote" } as const satisfies EnumValues<typeof Excel.EventSource>;
const ClearApplyTo = {
  all: "All",
  formats: "Formats",
  contents: "Contents",
  hyperlinks: "Hyperlinks",
  removeHyperlinks: "RemoveHyperlinks",
  resetContents: "ResetContents",
} as const satisfies Partial<EnumValues<typeof Excel.ClearApplyTo>>;

export interface FakeExcelNamespace {
  run<T>(...args: unknown[]): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  SheetVisibility: typeof SheetVisibility;
  CalculationType: typeof CalculationType;
  EventSource: typeof EventSource;
  ClearApplyTo: typeof ClearApplyTo;
}

export function createExcelNamespace(runtime: FakeRuntime): FakeExcelNamespace {
  /** Excel.run(batch) | Excel.run(context or object, batch): runs the batch, then syncs what it left queued. */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args.find((a): a is (c: FakeRequestContext) => Promise<T> => typeof a === "function");
    if (!batch) throw new TypeError("Excel.run needs a batch function");
    const context = runtime.newContext();
    const result = batch(context);
    if (!result || typeof (result as { then?: unknown }).then !== "function") {
      throw Object.assign(new Error("Excel.run batch function must return a promise"), { code: "RunMustReturnPromise" });
    }
    const value = await result;
    await context.sync();
    return value;
  }
  return {
    run,
    RequestContext: class extends FakeRequestContext {
      constructor() {
        super(runtime, (c) => new FakeWorkbook(c));
      }
    },
    SheetVisibility,
    CalculationType,
    EventSource,
    ClearApplyTo,
  };
}
