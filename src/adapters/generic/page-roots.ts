// Web-component chat kits (deep-chat, vue-advanced-chat, Lightning) draw their messages inside open shadow roots,
// where document.querySelector does not reach. Finding them means visiting every element, so the list is kept and
// made anew at most once a second while the reader is still looking.

const REFRESH_MS = 1000;

let known: { at: number; roots: ShadowRoot[] } | undefined;

function collect(root: Document | ShadowRoot, into: ShadowRoot[]): void {
  const walker = (root instanceof Document ? root : root.ownerDocument).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const shadow = (node as Element).shadowRoot;
    if (shadow) {
      into.push(shadow);
      collect(shadow, into);
    }
  }
}

/** The document and every open shadow root in it, nested ones too. */
export function pageRoots(doc: Document, now = performance.now()): Array<Document | ShadowRoot> {
  if (!known || now - known.at >= REFRESH_MS || known.roots.some((root) => !root.host.isConnected)) {
    const roots: ShadowRoot[] = [];
    collect(doc, roots);
    known = { at: now, roots };
  }
  return [doc, ...known.roots];
}

/** Every element matching a selector in the document and its open shadow roots. */
export function queryAllDeep(doc: Document, selector: string): Element[] {
  return pageRoots(doc).flatMap((root) => [...root.querySelectorAll(selector)]);
}
