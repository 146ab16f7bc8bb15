/** The parts of a selector with " >>> " steps into open shadow roots. */
const steps = (selector: string) => selector.split(">>>").map((part) => part.trim());

/** The first element matching a selector that may step into open shadow roots; null when none, or when it is broken. */
export function deepQuery(root: ParentNode, selector: string): Element | null {
  let scope: ParentNode | null = root;
  const parts = steps(selector);
  for (let i = 0; scope && i < parts.length; i++) {
    const found: Element | null = safeQuery(scope, parts[i]!);
    if (!found || i === parts.length - 1) return found;
    scope = found.shadowRoot;
  }
  return null;
}

function safeQuery(scope: ParentNode, selector: string): Element | null {
  try {
    return scope.querySelector(selector);
  } catch {
    return null;
  }
}

/** Whether an element matches, or holds an element that matches, a plain selector. */
export function matchesOrHolds(item: Element, selector: string): boolean {
  try {
    return item.matches(selector) || item.querySelector(selector) !== null;
  } catch {
    return false;
  }
}

/** Whether an element is on show: not hidden by an attribute, nor by its styles where the browser can tell. */
export function isShown(el: Element): boolean {
  if (el.closest("[hidden], [aria-hidden='true']")) return false;
  return typeof el.checkVisibility === "function" ? el.checkVisibility() : true;
}

/** An element's parent, stepping out of a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  const parent = el.parentNode;
  return parent instanceof Element ? parent : parent instanceof ShadowRoot ? parent.host : null;
}

/** Whether `outer` is `inner` or holds it, through shadow roots. */
export function composedContains(outer: Element, inner: Element): boolean {
  for (let el: Element | null = inner; el; el = composedParent(el)) if (el === outer) return true;
  return false;
}
