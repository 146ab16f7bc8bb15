import browser from "webextension-polyfill";
import { askWorker } from "../ask-worker.js";
import { t, tCount } from "../i18n.js";
import { onJsonFileChosen } from "../json-import.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function say(text: string, problem = false): void {
  const status = $("taught-status");
  status.textContent = text;
  status.className = problem ? "problem" : "muted";
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const el = document.createElement("button");
  el.type = "button";
  el.textContent = label;
  el.addEventListener("click", onClick);
  return el;
}

/** The sites taught with "Teach this site": listed, given access, forgotten, exported and imported as JSON. */
export async function renderTaughtSites(): Promise<void> {
  const sites = await askWorker({ type: "list-taught-sites" });
  $("taught-none").hidden = sites.length > 0;
  $("taught-sites").replaceChildren(
    ...sites.map((site) => {
      const item = document.createElement("li");
      item.className = "row";
      const name = document.createElement("span");
      name.textContent = site.origin;
      item.append(name);
      if (!site.access) {
        // Asked here, on the agent's click: the one moment a browser lets an extension ask for a site.
        item.append(button(t("optionsTaughtGrant"), () => {
          void browser.permissions.request({ origins: [`${site.origin}/*`] }).then(async (granted) => {
            if (granted) await askWorker({ type: "sync-taught-sites" });
            await renderTaughtSites();
          });
        }));
      }
      item.append(button(t("optionsTaughtForget"), () => void askWorker({ type: "forget-taught-site", origin: site.origin }).then(renderTaughtSites)));
      return item;
    }),
  );
}

export function wireTaughtSites(): void {
  $("taught-export").addEventListener("click", async () => {
    const file = await askWorker({ type: "export-taught-sites" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    link.download = "attune-taught-sites.json";
    link.click();
    URL.revokeObjectURL(link.href);
  });
  onJsonFileChosen($<HTMLInputElement>("taught-import"), async (file) => {
    const result = await askWorker({ type: "import-taught-sites", file: file.json });
    if (result.ok) say(tCount("optionsTaughtImported", result.imported ?? 0));
    else say(result.problems.join("\n"), true);
    await renderTaughtSites();
  }, (_name, problem) => say(problem, true));
}
