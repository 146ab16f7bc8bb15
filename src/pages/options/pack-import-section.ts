import browser from "webextension-polyfill";
import { ruleDescription, ruleName, type PackChanges } from "../../engine/index.js";
import { MAX_JSON_DEPTH, MAX_JSON_FILE_BYTES } from "../../shared/json-file.js";
import { allowedPackUrl, type ManagedPolicy } from "../../shared/managed-policy.js";
import type { TeamStorage } from "../../shared/messages.js";
import { askWorker } from "../ask-worker.js";
import { number, pageLanguage, t } from "../i18n.js";
import { onJsonFileChosen } from "../json-import.js";
import { h } from "./dom.js";
import { fetchPackJson, PACK_FETCH_TIMEOUT_MS, type PackFetched } from "./pack-fetch.js";

// Importing a team's pack, from a file or from an address the administrator's policy allows: the worker checks it
// (its own examples run among the packs it joins) and says what it is and changes; the team lead then installs it or
// cancels. Nothing is fetched but on the team lead's click, and only from an allowed address.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export interface PackImportHooks {
  /** The administrator's policy as the page last read it. */
  policy(): ManagedPolicy;
  /** The import status line, and problems under it. */
  say(text: string, problems?: readonly string[]): void;
  /** The team's state read again after an install; what to say of where the pack is kept. */
  installed(storage: TeamStorage): Promise<string>;
}

/** The pack waiting for Install or Cancel, with the name (file or address) its problems are told under. */
let pending: { name: string; pack: unknown; changes: PackChanges } | undefined;

function hideReview(): void {
  pending = undefined;
  $("team-pack-review").hidden = true;
  $("team-pack-review-body").replaceChildren();
}

const megabytes = (bytes: number) => number(bytes / (1024 * 1024), { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A fetch that went wrong, in words naming the address. */
function fetchProblem(url: string, fetched: Exclude<PackFetched, { ok: true }>): string {
  switch (fetched.problem) {
    case "http": return t("packUrlHttp", url, `${number(fetched.status)}${fetched.statusText ? ` ${fetched.statusText}` : ""}`);
    case "redirect": return t("packUrlRedirect", url);
    case "too-big": return t("packUrlTooBig", url, megabytes(MAX_JSON_FILE_BYTES));
    case "too-deep": return t("importTooDeep", url, number(MAX_JSON_DEPTH));
    case "timeout": return t("packUrlTimeout", url, number(PACK_FETCH_TIMEOUT_MS / 1000));
    case "not-json": return `${url}: ${t("teamNotJson")}: ${fetched.detail}`;
    case "network": return t("packUrlNetwork", url, fetched.detail);
  }
}

function renderReview(changes: PackChanges): void {
  const signalLine = (s: PackChanges["signals"][number]) =>
    h("li", {},
      h("span", {}, h("code", { text: s.signal }), ` ${s.extends ? t("packReviewSignalExtends") : t("packReviewSignalNew")} — ${t("packReviewCounts", number(s.phrases), number(s.exceptions), number(s.patterns))}`),
      ...(s.sample.length ? [h("div", { className: "muted", dir: "auto", text: t("packReviewSample", s.sample.map((p) => `“${p}”`).join(", ")) })] : []));
  const languages = [...new Set(changes.signals.map((s) => s.language))];
  $("team-pack-review-body").replaceChildren(
    h("h4", { id: "team-pack-review-heading", text: t("packReviewTitle", changes.id, changes.version) }),
    h("p", { "data-review": "description", dir: "auto", text: changes.description }),
    h("p", { "data-review": "languages", text: `${t("teamLanguages")}: ${changes.languages.join(", ")}` }),
    h("p", { "data-review": "replaces", text: changes.replaces ? t("packReviewReplaces", changes.replaces.version) : t("packReviewNew") }),
    ...(changes.replaces?.dropsRules.length ? [h("p", { "data-review": "drops", text: t("packReviewDropsRules", changes.replaces.version, changes.replaces.dropsRules.join(", ")) })] : []),
    h("h5", { text: t("packReviewRules") }),
    changes.rules.length
      ? h("ul", { "data-review": "rules" }, ...changes.rules.map((r) => h("li", { "data-rule": r.id }, ...named(r), ` — ${t(`teamSeverity_${r.severity}`)}: `, h("span", { dir: "auto", text: ruleDescription(r, pageLanguage()) }))))
      : h("p", { className: "muted", text: t("packReviewNoRules") }),
    h("h5", { text: t("packReviewSignals") }),
    languages.length
      ? h("dl", { "data-review": "signals" }, ...languages.flatMap((language) => [
        h("dt", { text: language }),
        h("dd", { "data-language": language }, h("ul", {}, ...changes.signals.filter((s) => s.language === language).map(signalLine))),
      ]))
      : h("p", { className: "muted", text: t("packReviewNoSignals") }),
  );
  $("team-pack-review").hidden = false;
}

/** A rule by its name in the page's language, with its id beside it where the two differ. */
function named(rule: PackChanges["rules"][number]): Array<string | HTMLElement> {
  const name = ruleName(rule, pageLanguage());
  return name === rule.id ? [h("code", { text: rule.id })] : [h("bdi", { text: name }), " (", h("code", { text: rule.id }), ")"];
}

/** Has the worker check the pack, and shows what it is and changes (or why it would be refused). */
async function review(hooks: PackImportHooks, name: string, pack: unknown): Promise<void> {
  hideReview();
  const result = await askWorker({ type: "review-pack", file: name, pack });
  if (!result.ok) return hooks.say(t("teamImportRefused", name), result.problems);
  pending = { name, pack, changes: result.changes };
  renderReview(result.changes);
  hooks.say(t("packReviewReady", name));
  // Its Install button in view, clear of the save bar at the foot of the screen.
  $("team-pack-review").scrollIntoView({ block: "nearest" });
}

/** Origins the page already had access to when the address was typed: access asked for a fetch alone is given back. */
const grantedBefore = new Map<string, boolean>();
const originPattern = (url: URL) => `${url.protocol}//${url.hostname}/*`;

function showUrlField(policy: ManagedPolicy): void {
  const prefixes = policy.packUrlPrefixes;
  $("team-pack-url-row").hidden = !prefixes.length;
  $("team-pack-url-allowed").hidden = !prefixes.length;
  $("team-pack-url-allowed").textContent = prefixes.length ? t("packUrlAllowed", prefixes.join(", ")) : "";
}

export function wirePackImport(hooks: PackImportHooks): void {
  showUrlField(hooks.policy());
  const refuse = (name: string, problem: string) => {
    hideReview();
    hooks.say(t("teamImportRefused", name), [problem]);
  };
  onJsonFileChosen($<HTMLInputElement>("team-import-pack"), (file) => review(hooks, file.name, file.json), refuse);

  const input = $<HTMLInputElement>("team-pack-url");
  input.addEventListener("input", () => {
    const url = allowedPackUrl(input.value, hooks.policy().packUrlPrefixes);
    if (url && !grantedBefore.has(originPattern(url))) {
      const pattern = originPattern(url);
      void browser.permissions.contains({ origins: [pattern] }).then((had) => grantedBefore.set(pattern, had));
    }
  });
  $("team-pack-url-fetch").addEventListener("click", () => {
    const text = input.value.trim();
    if (!text) return input.focus();
    const url = allowedPackUrl(text, hooks.policy().packUrlPrefixes);
    // Refused before anything is asked or sent.
    if (!url) return refuse(text, t("packUrlNotAllowed", text));
    const pattern = originPattern(url);
    hideReview();
    hooks.say(t("packUrlFetching", url.href));
    // Asked at once, in the click (Firefox allows the request only there); the browser asks the team lead the first
    // time, and answers at once when access is there already.
    // A browser that will not ask (no user gesture it recognises) refuses, as the team lead saying no does.
    void browser.permissions.request({ origins: [pattern] }).catch(() => false).then(async (granted) => {
      if (!granted) return refuse(url.href, t("packUrlNoPermission", url.origin));
      try {
        const fetched = await fetchPackJson(url);
        if (!fetched.ok) return refuse(url.href, fetchProblem(url.href, fetched));
        await review(hooks, url.href, fetched.json);
      } catch (error) {
        refuse(url.href, t("importFailed", url.href, error instanceof Error ? error.message : String(error)));
      } finally {
        if (grantedBefore.get(pattern) === false) {
          grantedBefore.delete(pattern);
          await browser.permissions.remove({ origins: [pattern] }).catch(() => undefined);
        }
      }
    });
  });

  $("team-pack-install").addEventListener("click", async () => {
    if (!pending) return;
    const { name, pack, changes } = pending;
    hideReview();
    const result = await askWorker({ type: "import-pack", file: name, pack });
    if (!result.ok) return hooks.say(t("teamImportRefused", name), result.problems);
    const where = await hooks.installed(result.item);
    hooks.say(`${t("teamImported_pack", `${changes.id} ${changes.version}`)} ${where}`);
  });
  $("team-pack-cancel").addEventListener("click", () => {
    const name = pending?.changes.id;
    hideReview();
    if (name) hooks.say(t("packReviewCancelled", name));
  });
}
