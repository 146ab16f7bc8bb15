/** A small element builder for the options page's sections: text goes in as text, never as markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | boolean | number>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "className") node.className = String(value);
    else if (key in node && typeof value !== "string") (node as unknown as Record<string, unknown>)[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  node.append(...children);
  return node;
}

/** Lines in a list (problems, results), replacing what was there. */
export function fillList(list: HTMLElement, lines: readonly string[]): void {
  list.replaceChildren(...lines.map((line) => h("li", { text: line })));
  list.hidden = !lines.length;
}
