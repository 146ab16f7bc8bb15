// Colours meet WCAG AA contrast (4.5:1 for text) in both themes.
export const OVERLAY_STYLE = `
:host { all: initial; }
.panel { position: fixed; z-index: 2147483647;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Tahoma, sans-serif; color: #1b1f24; pointer-events: none; }
.panel.inline { position: static; width: auto !important; }
.card { pointer-events: auto; background: #ffffff; border: 1px solid #aab4bf; border-inline-start: 6px solid #1f5fc9;
  border-radius: 8px; padding: 8px 34px 8px 12px; box-shadow: 0 4px 16px rgba(0,0,0,.18); position: relative; }
.card:dir(rtl) { padding: 8px 12px 8px 34px; }
.card[data-severity="warn"] { border-inline-start-color: #a34f00; }
.card[data-severity="alert"] { border-inline-start-color: #b3261e; }
.card[data-outcome="followed"] { border-inline-start-color: #1b6e34; }
.handle { position: absolute; inset: 0 32px auto 32px; height: 10px; cursor: move; }
.message { font-weight: 600; margin: 0 0 4px; }
.suggestion { margin: 0; color: #39434e; }
.compact .suggestion, .compact .actions .helpful, .compact .actions .not-helpful, .compact .actions .snooze { display: none; }
.actions { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
button { font: inherit; font-size: 13px; border: 1px solid #8a96a3; background: #f4f6f8; color: #1b1f24;
  border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #1f5fc9; outline-offset: 1px; }
.dismiss { position: absolute; top: 4px; inset-inline-end: 4px; border: 0; background: transparent; font-size: 18px;
  line-height: 1; padding: 2px 6px; }
.check { color: #1b6e34; font-weight: 700; }
@media (prefers-color-scheme: dark) {
  .panel { color: #eef1f4; }
  .card { background: #1e2329; border-color: #56616d; border-inline-start-color: #7fb0ff; }
  .card[data-severity="warn"] { border-inline-start-color: #f0a35e; }
  .card[data-severity="alert"] { border-inline-start-color: #ff8a80; }
  .card[data-outcome="followed"] { border-inline-start-color: #6fd08f; }
  .suggestion { color: #c9d2db; }
  button { background: #2b323a; color: #eef1f4; border-color: #6b7784; }
  .check { color: #6fd08f; }
}
`;
