// Selectors that survive a console's next deploy: stable attributes and roles before generated class names. Positions
// (":nth-of-type") only on the path from a stable ancestor down to a pane or a box, never among messages, where they
// shift as messages arrive.

/** Attributes consoles put on elements on purpose, for tests, accessibility or their own scripts. */
const STABLE_ATTRIBUTES = ["data-testid", "data-test-id", "data-test", "data-qa", "data-cy", "role", "name", "aria-label", "type"];

/**
 * Generated names, in the schemes real kits use: emotion under any cache key ("css-1rtd03t", "flex-1kau5en",
 * "css-1k9ek97-Message"), styled-components ("sc-kieALA", "feuBPB"), CSS modules ("Button_root__3xKzq"), JSS and
 * makeStyles ("jss12", "makeStyles-root-12"), hashed utility classes ("_3xKzq"), long digit runs, hex ids and framework
 * ids. A hash changes with every deploy; readable names ("cs-message--incoming", "Message", "vac-message-current")
 * do not.
 */
export function looksGenerated(token: string): boolean {
  return (
    /^(css|sc|jsx|emotion|styled|makeStyles|tw)-/i.test(token) ||
    /^[a-z][a-z0-9]*-(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{5,8}(-[A-Za-z]\w*)?$/.test(token) ||
    (/^[a-zA-Z]{5,8}$/.test(token) && /[a-z][A-Z]|[A-Z].*[A-Z]/.test(token) && !isWords(token)) ||
    /^[\w-]+__[A-Za-z0-9_-]{5,}$/.test(token) && /\d/.test(token.split("__").at(-1)!) ||
    /^(jss|mui|Mui\w*|makeStyles)(\d+|-.*-\d+)$/.test(token) ||
    /\d{3,}/.test(token) ||
    /[0-9a-f]{8,}/i.test(token) ||
    /^[a-zA-Z]{1,3}\d+[a-zA-Z]*$/.test(token) ||
    /^(ember|react|ng|vue)[-_]?\d/i.test(token) ||
    /^_[a-zA-Z0-9]{4,}$/.test(token) ||
    token.length > 60
  );
}

/**
 * camelCase or PascalCase words ("isMine", "chatLog"), not a hash that happens to alternate case ("etOjUj", "hBmBqn",
 * "iokOoi"): every part a syllable or more (a vowel and a consonant), one of them longer than two letters.
 */
function isWords(token: string): boolean {
  if (!/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(token)) return false;
  const words = token.split(/(?=[A-Z])/);
  return words.every((word) => /[aeiouy]/i.test(word) && /[^aeiouy]/i.test(word)) && words.slice(1).some((word) => word.length > 2);
}

/**
 * Attributes naming one record (data-id="yrwhpzmh6lny", data-message-id, data-index): another on every message and
 * every conversation, so they find one of them and never the kind.
 */
const RECORD_KEY = /^data-(?:.*[-_])?(?:id|key|uuid|guid|index|idx)$/i;

/**
 * Classes a moment puts on an element: a transition running (Vue's "vac-slide-left-leave-from", React Transition
 * Group's "fade-enter-active"), the pointer, the focus or a selection on it (vue-advanced-chat's "vac-message-highlight"
 * on the message under the pointer). Present while the agent picks, gone after.
 */
const TRANSIENT = /(?:^|[-_])(?:(?:enter|leave|exit|appear)(?:[-_](?:from|to|active|done))?|hover|hovered|hovering|highlight|highlighted|focus|focused|focus-visible|pressed|selected)$/i;

/** An identifier safe in a selector (CSS.escape, where the environment lacks it). */
const escapeIdent = (ident: string) => ident.replace(/^(\d)/, "\\3$1 ").replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (c) => `\\${c}`);

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The readable, stable parts of one element, most telling first: each a selector on its own. */
export function stableParts(el: Element): string[] {
  const parts: string[] = [];
  if (el.id && !looksGenerated(el.id)) parts.push(`#${escapeIdent(el.id)}`);
  for (const name of STABLE_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && value.length <= 80 && !looksGenerated(value)) parts.push(`[${name}=${quote(value)}]`);
  }
  for (const attr of el.attributes) {
    // Only names that are selectors as they stand: a page may name attributes "data-a:b" or worse.
    if (/^data-[\w-]+$/.test(attr.name) && !STABLE_ATTRIBUTES.includes(attr.name) && !RECORD_KEY.test(attr.name) && attr.value.length <= 40 && !looksGenerated(attr.value) && !looksGenerated(attr.name)) {
      parts.push(attr.value ? `[${attr.name}=${quote(attr.value)}]` : `[${attr.name}]`);
    }
  }
  for (const token of el.classList) if (!looksGenerated(token) && !TRANSIENT.test(token)) parts.push(`.${escapeIdent(token)}`);
  return parts;
}

function unique(selector: string, root: ParentNode, el: Element): boolean {
  try {
    const found = root.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

/** The element alone, or its tag and its most telling stable part. */
function own(el: Element): string[] {
  const tag = el.localName;
  const parts = stableParts(el);
  return [...parts.map((part) => (part.startsWith("#") ? part : `${tag}${part}`)), ...parts.slice(0, 2).flatMap((a, i) => parts.slice(i + 1, 3).map((b) => `${tag}${a}${b}`))];
}

/**
 * A selector that finds exactly this element in `root`: its own stable parts if they are unique, else under the
 * nearest ancestor that has a unique stable selector, else by its path of tags from the nearest stable ancestor. Null
 * when nothing stable can be found.
 */
export function stableSelector(el: Element, root: ParentNode = el.ownerDocument): string | null {
  // A custom element's tag is its own name ("deep-chat"), as stable as a class.
  const alone = el.localName.includes("-") ? [el.localName] : [];
  for (const candidate of [...own(el), ...alone]) if (unique(candidate, root, el)) return candidate;
  for (let ancestor = el.parentElement, depth = 0; ancestor && depth < 6; ancestor = ancestor.parentElement, depth++) {
    for (const above of own(ancestor)) {
      if (!unique(above, root, ancestor)) continue;
      for (const candidate of [...own(el), el.localName]) {
        const combined = `${above} ${candidate}`;
        if (unique(combined, root, el)) return combined;
      }
    }
  }
  return pathSelector(el, root);
}

/** Its tag, and its place among siblings of that tag where it has any. */
function step(el: Element): string {
  const same = el.parentElement ? [...el.parentElement.children].filter((sibling) => sibling.localName === el.localName) : [];
  return same.length > 1 ? `${el.localName}:nth-of-type(${same.indexOf(el) + 1})` : el.localName;
}

/**
 * Where nothing on the element or near it is stable (styled-components name everything with hashes): the tags down
 * from the nearest ancestor that has a stable selector, or from the top of `root`.
 */
function pathSelector(el: Element, root: ParentNode): string | null {
  const steps: string[] = [];
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
    const anchor = node === el ? undefined : [...own(node), ...(node.localName === "body" ? ["body"] : [])].find((candidate) => unique(candidate, root, node!));
    if (anchor) return checked([anchor, ...steps].join(" > "), root, el);
    steps.unshift(step(node));
  }
  return checked([...(root instanceof Element ? [":scope"] : []), ...steps].join(" > "), root, el);
}

const checked = (selector: string, root: ParentNode, el: Element) => (unique(selector, root, el) ? selector : null);

/**
 * A selector that finds exactly this element from the document, with a " >>> " step into each open shadow root on the
 * way (the chat kits built as web components draw their messages in one).
 */
export function deepSelector(el: Element): string | null {
  const steps: string[] = [];
  for (let node: Element | null = el; node; ) {
    const root = node.getRootNode();
    if (!(root instanceof ShadowRoot) && !(root instanceof Document)) return null;
    const selector = stableSelector(node, root);
    if (!selector) return null;
    steps.unshift(selector);
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return steps.join(" >>> ");
}
