// Insert puts a suggested reply where the agent types, as typing would: the page's editor (React, Vue, a rich-text
// editor) hears the input events it listens to, and nothing is sent. Focus goes to the reply box, the caret after
// the inserted text.

const isTextTarget = (el: Element) => el.localName === "textarea" || el.localName === "input" || !!(el as HTMLElement).isContentEditable;

/** Whether the element, or something inside it, has focus in its own document or shadow root. */
function hasFocus(box: Element): boolean {
  const active = (box.getRootNode() as Document | ShadowRoot).activeElement;
  return !!active && (active === box || box.contains(active));
}

/** An input event as typing fires it, in the box's own window (it may be a frame's). */
function typed(box: Element, text: string): void {
  const InputEventOfBox = box.ownerDocument.defaultView?.InputEvent ?? InputEvent;
  box.dispatchEvent(new InputEventOfBox("input", { bubbles: true, composed: true, inputType: "insertText", data: text }));
}

function insertIntoField(field: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  const before = field.value;
  // execCommand keeps the field's undo history (Ctrl+Z takes the insertion back) and fires beforeinput and input.
  if (field.ownerDocument.execCommand("insertText", false, text) && field.value !== before) return;
  const start = field.selectionStart ?? field.value.length;
  field.setRangeText(text, start, field.selectionEnd ?? start, "end");
  typed(field, text);
}

function insertIntoEditable(box: HTMLElement, text: string, caretKept: boolean): void {
  const doc = box.ownerDocument;
  // Chrome keeps a shadow root's selection apart from the document's.
  const selection = (box.getRootNode() as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.() ?? doc.getSelection();
  let range = selection?.rangeCount ? selection.getRangeAt(0) : undefined;
  if (!caretKept || !range || !box.contains(range.startContainer)) {
    // The agent was not typing here: the reply goes after what the box holds.
    range = doc.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  const before = box.textContent;
  if (doc.execCommand("insertText", false, text) && box.textContent !== before) return;
  // No execCommand for this editor (or none at all): the text goes in by hand, with the input event typing fires. A
  // selection may refuse a range in a shadow root, so the range is used as it is.
  range.deleteContents();
  const node = doc.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(range);
  typed(box, text);
}

/**
 * Puts `text` into the reply box at its caret (after its content when the agent was not typing there), without sending
 * it. The box may be a <textarea>, an <input> or a contenteditable element, in an open shadow root or a same-origin
 * frame. False when it is none of these.
 */
export function insertAtCaret(replyBox: Element, text: string): boolean {
  // A console's reply box may be a wrapper (role="textbox") around the element that takes the text.
  const box = isTextTarget(replyBox) ? replyBox : replyBox.querySelector("textarea, input, [contenteditable]:not([contenteditable='false'])");
  if (!box || !isTextTarget(box)) return false;
  const field = box.localName === "textarea" || box.localName === "input" ? (box as HTMLTextAreaElement | HTMLInputElement) : undefined;
  const editable = field ? undefined : (box as HTMLElement);
  const caretKept = hasFocus(box);
  (box as HTMLElement).focus({ preventScroll: true });
  if (field) insertIntoField(field, text);
  else insertIntoEditable(editable!, text, caretKept);
  return true;
}
