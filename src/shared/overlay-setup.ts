import { OVERLAY_LABEL_KEYS, type OverlayLabels } from "../overlay/overlay-labels.js";

/** Every overlay label through the worker's or a page's translator: its _locales key is `overlay` + its name, capitalised. */
export function overlayLabels(translate: (message: string) => string): OverlayLabels {
  return Object.fromEntries(OVERLAY_LABEL_KEYS.map((key) => [key, translate(`overlay${key[0]!.toUpperCase()}${key.slice(1)}`)])) as OverlayLabels;
}
