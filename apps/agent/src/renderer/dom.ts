import { t, type MessageKey } from './messages';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | ((event: Event) => void) | undefined>;

/** Minimal element builder: attributes, `on*` listeners, children. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** A Japanese text with its English line underneath. */
export function tx(key: MessageKey, tag = 'span'): HTMLElement {
  const m = t(key);
  return h(tag, {}, m.ja, h('span', { class: 'en', lang: 'en' }, m.en));
}

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all));

/** Like tx, with `{name}` placeholders filled in both languages. */
export function txv(key: MessageKey, vars: Record<string, string | number> = {}, tag = 'span', attrs: Record<string, string> = {}): HTMLElement {
  const m = t(key);
  return h(tag, attrs, fill(m.ja, vars), h('span', { class: 'en', lang: 'en' }, fill(m.en, vars)));
}

/** Inline "日本語 / English" for places with little room (buttons, status lines), `{name}` placeholders filled. */
export function inline(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const m = t(key);
  return `${fill(m.ja, vars)} / ${fill(m.en, vars)}`;
}
