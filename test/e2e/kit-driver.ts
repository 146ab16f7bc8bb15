import type { Page } from "puppeteer-core";
import type { KitInfo } from "../fixtures/kits/kit-page.js";

// Driving the chat UI kit pages (test/fixtures/kits/) the way an agent would.

export async function openKit(page: Page, url: string): Promise<KitInfo> {
  await page.goto(url);
  await page.waitForFunction(() => !!window.chat && !!window.kit);
  return (await page.evaluate(() => window.kit))!;
}

/** The agent's reply, typed into the kit's own reply box and sent the kit's way. */
export async function reply(page: Page, kit: KitInfo, text: string): Promise<void> {
  await typeReply(page, kit, text);
  await send(page, kit);
}

/** The agent typing a reply into the kit's own reply box (a draft, not sent). */
export async function typeReply(page: Page, kit: KitInfo, text: string): Promise<void> {
  await page.click(kit.replyBox);
  await page.keyboard.type(text, { delay: 5 });
}

/** The agent sending what they typed, the kit's way. */
export async function send(page: Page, kit: KitInfo): Promise<void> {
  if (kit.send === "Enter") await page.keyboard.press("Enter");
  else await page.click(kit.send);
}
