/** Saves text as a file through the browser's own download: nothing leaves the machine. */
export function downloadText(doc: Document, fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadJson(doc: Document, fileName: string, value: unknown): void {
  downloadText(doc, fileName, `${JSON.stringify(value, null, 2)}\n`, "application/json");
}
