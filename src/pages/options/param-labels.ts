// Which _locales message names a rule's setting: kept apart from the page's code so that a unit test can check every
// shipped rule's settings against every language.

const camel = (text: string) => text.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * The _locales key of a param's label: a metric's threshold is named by what it measures ("Share of talk time"), the
 * rest by their own name; a call's setting is the same label "in calls".
 */
export function paramLabelKey(path: string, params: Record<string, unknown>): string {
  const name = path.split(".").at(-1)!;
  if (name !== "threshold") return `param_${name}`;
  const call = path.startsWith("call.") ? (params.call as Record<string, unknown> | undefined) : undefined;
  return `param_threshold_${camel(String(call?.measure ?? params.measure ?? ""))}`;
}
