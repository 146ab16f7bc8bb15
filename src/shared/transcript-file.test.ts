import { describe, expect, it } from "vitest";
import { carries, parseLabelled, transcriptUtterances } from "./transcript-file.js";

describe("transcript files", () => {
  it("read a conversation's turns, labelled lines with whether they carry the signal, or plain lines", () => {
    const conversation = JSON.stringify({ events: [{ type: "turn", speaker: "customer", text: "Still nothing!", at: 0 }, { type: "typing", speaker: "agent", at: 1 }, { type: "turn", speaker: "agent", text: " ", at: 2 }] });
    expect(transcriptUtterances("chat.JSON", conversation, "emotion.frustration")).toEqual({ utterances: [{ text: "Still nothing!" }] });
    expect(transcriptUtterances("lines.tsv", "fed up\tfrustration\nfine\tnone\nboth\tcomplaint.error,emotion.frustration\n", "emotion.frustration")).toEqual({
      utterances: [{ text: "fed up", positive: true }, { text: "fine", positive: false }, { text: "both", positive: true }],
    });
    expect(transcriptUtterances("notes.txt", "one\r\n\n  \ntwo", "emotion.frustration")).toEqual({ utterances: [{ text: "one" }, { text: "two" }] });
  });

  it("name the file, and the line, of what they cannot read", () => {
    expect(transcriptUtterances("chat.json", "{", "x")).toEqual({ problems: [expect.stringMatching(/^chat\.json: invalid JSON/)] });
    expect(transcriptUtterances("chat.json", "{\"events\": 3}", "x")).toEqual({ problems: [expect.stringMatching(/^chat\.json: \$\.events/)] });
    expect(parseLabelled("lines.tsv", "ok\tnone\nno tab here")).toEqual({ problem: "lines.tsv:2: expected text<TAB>label" });
  });

  it("count a label naming the signal whole or by its last part", () => {
    expect(carries("frustration", "emotion.frustration")).toBe(true);
    expect(carries("complaint.error, emotion.frustration", "emotion.frustration")).toBe(true);
    expect(carries("none", "emotion.frustration")).toBe(false);
  });
});
