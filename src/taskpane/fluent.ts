import "@fluentui/web-components/web-components.min.js";

/**
 * Fluent UI web components for the task pane, and their theme function.
 *
 * The per-component entry points (`@fluentui/web-components/button.js`, …) import their runtime,
 * `@microsoft/fast-element`, as a peer dependency that this install does not have (.npmrc sets
 * legacy-peer-deps, so peers are not pulled in). Until it is installed, the pane loads the package's own
 * prebuilt bundle, which inlines FAST and defines every `fluent-*` element once, and exposes `setTheme`
 * on `globalThis.Fluent`. With `@microsoft/fast-element@3` installed, this file becomes one import per
 * element the pane uses (button, text-input, badge, message-bar, progress-bar, switch, accordion,
 * accordion-item) plus `setTheme` from `@fluentui/web-components`, and nothing else needs to change.
 */
export type FluentTheme = Record<string, string | number>;

interface FluentGlobal {
  setTheme(theme: FluentTheme | null, node?: Document | HTMLElement): void;
}

export function setTheme(theme: FluentTheme): void {
  const fluent = (globalThis as { Fluent?: FluentGlobal }).Fluent;
  if (!fluent) throw new Error("Fluent UI web components did not load: globalThis.Fluent.setTheme is missing");
  fluent.setTheme(theme);
}
