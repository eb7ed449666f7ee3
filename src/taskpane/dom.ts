/**
 * DOM building for the task pane. Text is always set with textContent, never parsed as markup: a
 * release title such as "<img src=x onerror=…>" is shown as those characters.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string | null, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from taskpane.html`);
  return node as T;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  className?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (className !== undefined) node.setAttribute("class", className);
  return node;
}

/** A Fluent button (fluent-button): a form-associated custom element, not an HTMLButtonElement. */
export type Button = HTMLElement & { disabled: boolean };
/** A Fluent switch (fluent-switch): `checked`, `disabled` and a "change" event, like a checkbox. */
export type Switch = HTMLElement & { checked: boolean; disabled: boolean };
/** A Fluent text input (fluent-text-input): its `value` is the inner input's. */
export type TextInput = HTMLElement & { value: string };
/** A Fluent progress bar (fluent-progress-bar): no `value` attribute means indeterminate. */
export type ProgressBar = HTMLElement & { value: number | null };

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}

/** Disables a button while `work` runs and restores it, whatever happens. */
export async function busy<T>(button: Button, label: string, work: () => Promise<T>): Promise<T> {
  const original = button.textContent;
  button.disabled = true;
  button.textContent = label;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = original;
    button.removeAttribute("aria-busy");
  }
}
