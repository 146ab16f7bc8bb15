// A suggestion is advice to the agent ("e.g. “Thanks, James — let's get this sorted.”"); what it quotes is the reply
// itself, which Insert puts in the reply box. Advice with no quote ("Let them finish") has nothing to insert.

/** Each language's quotation marks, opening and closing; a quote may hold another ("‘charged me twice’"). */
const QUOTES: ReadonlyArray<readonly [string, string]> = [["“", "”"], ["„", "”"], ["«", "»"], ["\"", "\""]];

/** The reply a suggestion quotes: from its first opening mark to the last matching closing one. */
export function quotedReply(suggestion: string): string | undefined {
  let best: { start: number; text: string } | undefined;
  for (const [open, close] of QUOTES) {
    const start = suggestion.indexOf(open);
    const end = suggestion.lastIndexOf(close);
    if (start < 0 || end <= start) continue;
    const text = suggestion.slice(start + open.length, end).trim();
    if (text && (!best || start < best.start)) best = { start, text };
  }
  return best?.text;
}
