import type { Page } from "puppeteer-core";
import { waitFor } from "./harness.js";

// The "Teach this site" picker as the tests see it: its parts (data-part) read through the DevTools protocol, since its
// shadow root is closed to page scripts, and clicked where they are drawn, as a mouse would.

interface CdpNode {
  nodeId: number;
  nodeName: string;
  nodeType: number;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/**
 * The agent's click on "Teach this site" in the popup. The popup closes itself as the picker starts, on a busy machine
 * before the browser has answered the click's last input event: the click was made all the same.
 */
export async function startTeaching(popup: Page): Promise<void> {
  await popup.click("#teach").catch((error: unknown) => {
    // Puppeteer's TargetCloseError, which its public types do not export.
    if (!(error instanceof Error && error.name === "TargetCloseError")) throw error;
  });
}

/** The picker's parts (data-part), read through the DevTools protocol: its shadow root is closed to page scripts. */
export async function pickerPart(page: Page, part: string): Promise<{ text: string; x: number; y: number } | undefined> {
  const session = await page.createCDPSession();
  try {
    const { root } = (await session.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: CdpNode };
    const text = (node: CdpNode): string => (node.nodeType === 3 ? (node.nodeValue ?? "") : (node.children ?? []).map(text).join(" "));
    const find = (node: CdpNode, inPicker: boolean): CdpNode | undefined => {
      const here = inPicker || node.nodeName === "ATTUNE-TEACH";
      const attrs = node.attributes ?? [];
      if (here && attrs.some((value, i) => i % 2 === 0 && value === "data-part" && attrs[i + 1] === part)) return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child, here);
        if (found) return found;
      }
      return undefined;
    };
    const node = find(root, false);
    if (!node) return undefined;
    const { model } = (await session.send("DOM.getBoxModel", { nodeId: node.nodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    return { text: text(node).replace(/\s+/g, " ").trim(), x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
  } finally {
    await session.detach();
  }
}

export async function clickPart(page: Page, part: string): Promise<void> {
  const found = await waitFor(() => pickerPart(page, part), `the picker's "${part}"`);
  await page.mouse.click(found.x, found.y);
}
