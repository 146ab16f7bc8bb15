import { t } from "../i18n.js";

// The options page shows one section at a time, each behind a link of its own (options.html#rules), so that a team
// lead can send a colleague straight to it and each fits a laptop's screen. The rules and the phrases are one draft:
// they share the preview and the save bar beside them.

export const SECTIONS = ["coaching", "rules", "phrases", "sites", "statistics", "team", "advanced"] as const;
export type Section = (typeof SECTIONS)[number];

const DRAFT_SECTIONS: ReadonlySet<Section> = new Set(["rules", "phrases"]);

/** The section a link's fragment names; anything else (none, a stale or mistyped link) opens the first. */
export function sectionOf(hash: string): Section {
  const id = hash.replace(/^#/, "");
  return (SECTIONS as readonly string[]).includes(id) ? (id as Section) : "coaching";
}

const sectionKey = (section: Section) => `section${section[0]!.toUpperCase()}${section.slice(1)}`;

export function wireSections(doc: Document): void {
  const show = () => {
    const current = sectionOf(doc.location.hash);
    for (const section of SECTIONS) doc.getElementById(section)!.hidden = section !== current;
    doc.getElementById("draft-area")!.hidden = !DRAFT_SECTIONS.has(current);
    for (const link of doc.querySelectorAll<HTMLAnchorElement>("#sections-nav a")) {
      if (sectionOf(link.hash) === current) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    doc.title = `${t(sectionKey(current))} — ${t("optionsTitle")}`;
    // The fragment names the section itself: start at its top, not wherever the last one was scrolled to.
    doc.defaultView?.scrollTo(0, 0);
  };
  doc.defaultView?.addEventListener("hashchange", show);
  show();
}
