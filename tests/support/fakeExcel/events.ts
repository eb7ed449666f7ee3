/**
 * Office events: handlers registered with `add` (effective at the next sync), called asynchronously after
 * the change that raised them, each with its own arguments; a Remote source marks a co-author's change.
 */
import { ChangeEvent, Source } from "./document";
import { Methods } from "./fakeShape";
import { FakeRequestContext } from "./requestContext";
import type { FakeRuntime } from "./runtime";

// _Args is the Office.js event args type this result stands for; the fake does not need it at run time.

export class FakeEventHandlerResult<_Args> {
  constructor(
    readonly context: FakeRequestContext,
    private readonly unregister: () => void,
  ) {}
  remove(): void {
    this.context.enqueue(() => this.unregister());
  }
}

// Held to OfficeExtension.EventHandlers<T> (add/remove with the declared parameters).
export class FakeEventHandlers<T> implements Methods<
  OfficeExtension.EventHandlers<T>,
  "add" | "remove",
  { add: FakeEventHandlerResult<T>; remove: void }
> {
  private readonly registered = new Map<(args: T) => Promise<any>, () => void>();

  constructor(
    private readonly context: FakeRequestContext,
    private readonly register: (handler: (args: T) => Promise<any>) => () => void,
  ) {}

  add(handler: (args: T) => Promise<any>): FakeEventHandlerResult<T> {
    let unregister: () => void = () => undefined;
    this.context.enqueue(() => {
      unregister = this.register(handler);
      this.registered.set(handler, unregister);
    });
    return new FakeEventHandlerResult(this.context, () => {
      unregister();
      this.registered.delete(handler);
    });
  }

  remove(handler: (args: T) => Promise<any>): void {
    this.context.enqueue(() => {
      this.registered.get(handler)?.();
      this.registered.delete(handler);
    });
  }
}

type Handler = (args: unknown) => Promise<unknown>;

/** What the document raised, fanned out to registered handlers. */
export class EventRegistry {
  private readonly settings = new Set<Handler>();
  private readonly changed = new Set<{ sheetId: (() => string) | null; handler: Handler }>();
  private readonly added = new Set<Handler>();
  /** Errors thrown by handlers (Office would log them): tests assert there are none. */
  readonly handlerErrors: string[] = [];
  /** Every event delivered, for tests: ["settings", "Remote"], ["changed", sheetId, address, source]. */
  readonly delivered: string[][] = [];

  constructor(private readonly runtime: FakeRuntime) {}

  settingsChanged(context: FakeRequestContext): FakeEventHandlers<Excel.SettingsChangedEventArgs> {
    return new FakeEventHandlers(context, (handler) => {
      const h = handler as Handler;
      this.settings.add(h);
      return () => this.settings.delete(h);
    });
  }

  worksheetChanged(context: FakeRequestContext, sheetId: (() => string) | null): FakeEventHandlers<Excel.WorksheetChangedEventArgs> {
    return new FakeEventHandlers(context, (handler) => {
      // A worksheet's handler is bound to that sheet when registered (at sync).
      const id = sheetId === null ? null : sheetId();
      const entry = { sheetId: id === null ? null : () => id, handler: handler as Handler };
      this.changed.add(entry);
      return () => this.changed.delete(entry);
    });
  }

  worksheetAdded(context: FakeRequestContext): FakeEventHandlers<Excel.WorksheetAddedEventArgs> {
    return new FakeEventHandlers(context, (handler) => {
      const h = handler as Handler;
      this.added.add(h);
      return () => this.added.delete(h);
    });
  }

  get counts(): { settings: number; changed: number } {
    return { settings: this.settings.size, changed: this.changed.size };
  }

  onSettingsChanged(source: Source): void {
    const handlers = [...this.settings];
    this.later(() => {
      this.delivered.push(["settings", source]);
      for (const h of handlers) {
        const context = this.runtime.newContext();
        this.call(h, { settings: context.workbook.settings, type: "SettingsChanged" });
      }
    });
  }

  onWorksheetChanged(e: ChangeEvent): void {
    const handlers = [...this.changed].filter((x) => x.sheetId === null || x.sheetId() === e.sheetId);
    this.later(() => {
      this.delivered.push(["changed", e.sheetId, e.address, e.source]);
      const args = {
        address: e.address,
        changeType: e.changeType,
        source: e.source,
        type: "WorksheetChanged",
        worksheetId: e.sheetId,
        triggerSource: e.source === "Local" ? "ThisLocalAddin" : "Unknown",
      } satisfies Pick<Excel.WorksheetChangedEventArgs, "address" | "changeType" | "source" | "type" | "worksheetId" | "triggerSource">;
      for (const x of handlers) this.call(x.handler, args);
    });
  }

  private later(fn: () => void): void {
    setTimeout(fn, 0);
  }

  private call(handler: Handler, args: unknown): void {
    try {
      void Promise.resolve(handler(args)).catch((e: unknown) => this.handlerErrors.push(describe(e)));
    } catch (e) {
      this.handlerErrors.push(describe(e));
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
