/** The picker's look: readable over any console, high contrast, out of the page's CSS reach (shadow root). */
export const PICKER_STYLE = `
:host { all: initial; }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; width: 340px; max-height: 70vh; overflow: auto;
  box-sizing: border-box; padding: 14px 16px; border-radius: 10px; background: #10243e; color: #fff;
  font: 14px/1.45 system-ui, sans-serif; box-shadow: 0 8px 28px rgba(0,0,0,.35); }
h2 { margin: 0 0 6px; font-size: 15px; }
p { margin: 0 0 10px; }
.problem { color: #ffd7a8; }
ol { margin: 0 0 10px; padding-left: 20px; }
li.done { opacity: .7; text-decoration: line-through; }
li.current { font-weight: 600; }
.read { list-style: none; padding: 0; margin: 0 0 10px; max-height: 200px; overflow: auto; }
.read li { padding: 3px 6px; margin: 2px 0; border-radius: 4px; background: rgba(255,255,255,.08); }
.read b { display: inline-block; min-width: 74px; }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid #9cc3ff; background: transparent; color: #fff; cursor: pointer; }
button.primary { background: #9cc3ff; color: #10243e; font-weight: 600; }
button:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
.highlight { position: fixed; z-index: 2147483646; pointer-events: none; border: 2px solid #ff9f1c; background: rgba(255,159,28,.15); border-radius: 3px; }
`;
