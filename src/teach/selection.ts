import { composedParent } from "../adapters/deep-query.js";

/**
 * What the picker would pick now, as in the browsers' element inspectors: the element under the pointer, widened to its
 * parent (out of a shadow root to its host) and narrowed back the way it came.
 */
export class Selection {
  private pointed: Element | undefined;
  private current: Element | undefined;
  /** The elements widened from, innermost first: narrowing goes back to them. */
  private readonly widenedFrom: Element[] = [];

  get element(): Element | undefined {
    return this.current;
  }

  /** The pointer is over `el`: it is the selection, unless the selection was widened from it and it is still there. */
  point(el: Element): void {
    if (el === this.pointed) return;
    this.pointed = el;
    this.current = el;
    this.widenedFrom.length = 0;
  }

  /** The selection's parent; never the whole page (html, body). */
  wider(): void {
    const parent = this.current && composedParent(this.current);
    if (!this.current || !parent || parent === parent.ownerDocument.body || parent === parent.ownerDocument.documentElement) return;
    this.widenedFrom.push(this.current);
    this.current = parent;
  }

  narrower(): void {
    this.current = this.widenedFrom.pop() ?? this.current;
  }

  clear(): void {
    this.pointed = this.current = undefined;
    this.widenedFrom.length = 0;
  }
}
