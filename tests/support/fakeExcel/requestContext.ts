/**
 * Office's batching model: proxies queue operations on their RequestContext; `context.sync()` runs them
 * against the document in order (an asynchronous round trip), and the first failure rejects the sync and
 * drops the rest of the batch. Reading a property before it was loaded and synced throws
 * PropertyNotLoaded, exactly like office.js (Utility.throwIfNotLoaded).
 */
import { FakeDocument } from "./document";
import { ERROR_CODES, FakeOfficeError, MESSAGES } from "./officeError";
import type { FakeRuntime } from "./runtime";
import type { FakeWorkbook } from "./proxies";

export class FakeRequestContext {
  private queue: Array<() => void> = [];
  /** Completed syncs of this context (tests assert on round trips). */
  syncs = 0;
  readonly trackedObjects = { add: (_: unknown) => undefined, remove: (_: unknown) => undefined };
  readonly workbook: FakeWorkbook;

  constructor(
    readonly runtime: FakeRuntime,
    makeWorkbook: (context: FakeRequestContext) => FakeWorkbook,
  ) {
    this.workbook = makeWorkbook(this);
  }

  get document(): FakeDocument {
    return this.runtime.document;
  }

  enqueue(op: () => void): void {
    this.queue.push(op);
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this.queue;
    this.queue = [];
    await new Promise((resolve) => setTimeout(resolve, 0)); // a real round trip: never synchronous
    // An injected failure (harness.failSync): the request never reached the workbook, as when the
    // connection drops or the host refuses the request; nothing of the batch is applied.
    const injected = this.runtime.takeInjectedFailure();
    if (injected !== null) throw injected;
    for (const op of ops) op(); // a throw rejects the sync; later operations of the batch are not run
    this.syncs++;
    this.runtime.afterSync();
    return passThroughValue as T;
  }

  get pendingOperations(): number {
    return this.queue.length;
  }
}

/** Base of every proxy: a property bag filled by load()+sync() or by setters, and null-object state. */
export abstract class FakeClientObject {
  protected readonly props = new Map<string, unknown>();
  /** undefined until a sync has resolved the object; true for a null object. */
  protected nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    protected readonly typeName: string,
  ) {}

  protected read<T>(name: string): T {
    if (this.nullState === true) return undefined as T;
    if (!this.props.has(name)) throw new FakeOfficeError(ERROR_CODES.propertyNotLoaded, MESSAGES.propertyNotLoaded(name), `${this.typeName}.${name}`);
    return this.props.get(name) as T;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined)
      throw new FakeOfficeError(ERROR_CODES.propertyNotLoaded, MESSAGES.propertyNotLoaded("isNullObject"), `${this.typeName}.isNullObject`);
    return this.nullState;
  }

  /** load("a, b"), load(["a", "b"]), load({ select: "a,b" }): queued; values appear after sync. */
  load(names?: string | string[] | OfficeExtension.LoadOption): this {
    const list = normalizeNames(names);
    this.context.enqueue(() => {
      const state = this.locate();
      if (state === null) {
        this.nullState = true;
        return;
      }
      this.nullState = false;
      this.fill(state, list.length === 0 ? this.defaultProperties() : list);
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.props);
  }

  /** Finds the object in the document now; null for a null object; throws ItemNotFound for a missing required one. */
  protected abstract locate(): unknown;
  protected abstract fill(state: unknown, names: readonly string[]): void;
  protected abstract defaultProperties(): readonly string[];

  protected setLocal(name: string, value: unknown): void {
    this.props.set(name, value);
  }
}

export function normalizeNames(names?: string | string[] | OfficeExtension.LoadOption): string[] {
  if (names === undefined) return [];
  const select = typeof names === "string" || Array.isArray(names) ? names : (names.select ?? "");
  const text = Array.isArray(select) ? select.join(",") : select;
  return text
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n !== "");
}

/** OfficeExtension.ClientResult: `value` is readable after the sync that computed it. */
export class FakeClientResult<T> {
  private ready = false;
  private result: T | undefined;

  set(value: T): void {
    this.result = value;
    this.ready = true;
  }

  get value(): T {
    if (!this.ready)
      throw new FakeOfficeError(
        "ValueNotLoaded",
        'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
        "ClientResult.value",
      );
    return this.result as T;
  }
}
