import { describe, expect, it } from "vitest";
import { shippedPacks } from "../../trainer/test-packs.js";
import { addSignalPhrase, compileDraft, draftChanges, emptyOverrides, resetChange, ruleWithDraft, setPackEnabled, setRuleField, setSignalPhrases, suggestForDraft, tunableParams } from "./team-draft.js";
import { parsePreviewInput } from "./preview-input.js";

const rule = (id: string) => shippedPacks.packs.flatMap((p) => p.rules).find((r) => r.id === id)!;

describe("the team lead's draft overrides", () => {
  it("keeps only real changes: a field set back to the shipped value is dropped", () => {
    const draft = emptyOverrides();
    setRuleField(draft, rule("talk-ratio"), "param:threshold", 0.8);
    setRuleField(draft, rule("talk-ratio"), "severity", "alert");
    setRuleField(draft, rule("talk-ratio"), "message:it", "Lascia parlare il cliente");
    expect(draft.rules["talk-ratio"]).toEqual({ params: { threshold: 0.8 }, severity: "alert", message: { it: "Lascia parlare il cliente" } });
    setRuleField(draft, rule("talk-ratio"), "param:threshold", 0.65);
    setRuleField(draft, rule("talk-ratio"), "severity", "tip");
    setRuleField(draft, rule("talk-ratio"), "message:it", "");
    expect(draft.rules).toEqual({});
  });

  it("lists every change from the defaults, field by field, and resets each one alone", () => {
    const rules = shippedPacks.packs.flatMap((p) => p.rules);
    const draft = emptyOverrides();
    setPackEnabled(draft, "lexicon-ro", false);
    setRuleField(draft, rule("talk-ratio"), "param:threshold", 0.8);
    setRuleField(draft, rule("talk-ratio"), "enabled", false);
    setRuleField(draft, rule("long-monologue"), "param:call.threshold", 45);
    setRuleField(draft, rule("thank-customer"), "message:fa", "تشکر کنید");
    setSignalPhrases(draft, "apology", "it", "exceptions", "scusi il disturbo\nmi scusi, come?");
    const listed = () =>
      draftChanges(draft, rules).map((c) => (c.kind === "pack" ? `pack ${c.pack}` : c.kind === "phrases" ? `${c.signal}/${c.language}/${c.list} ${c.phrases.length}` : `${c.rule.id} ${c.field} ${String(c.from)}→${String(c.to)}`));
    expect(listed()).toEqual([
      "pack lexicon-ro",
      "thank-customer message:fa قبل از پایان گفتگو از مشتری تشکر کنید→تشکر کنید",
      "long-monologue param:call.threshold 60→45",
      "talk-ratio enabled true→false",
      "talk-ratio param:threshold 0.65→0.8",
      "apology/it/exceptions 2",
    ]);
    const monologue = draftChanges(draft, rules).find((c) => c.kind === "rule" && c.field === "param:call.threshold")!;
    resetChange(draft, monologue);
    expect(draft.rules["long-monologue"]).toBeUndefined();
    for (const change of draftChanges(draft, rules)) resetChange(draft, change);
    expect(draft).toEqual(emptyOverrides());
  });

  it("a nested param carries its whole top-level value, since params merge one key deep", () => {
    const draft = emptyOverrides();
    const monologue = rule("long-monologue");
    expect(tunableParams(monologue.params).map((p) => p.path)).toEqual(["threshold", "call.threshold"]);
    setRuleField(draft, monologue, "param:call.threshold", 45);
    expect(draft.rules["long-monologue"]!.params).toEqual({ call: { measure: "monologue-seconds", threshold: 45 } });
    expect(ruleWithDraft(monologue, draft).params).toEqual({ measure: "monologue-words", threshold: 80, call: { measure: "monologue-seconds", threshold: 45 } });
  });

  it("compiles with packs switched off and extra phrases, and lists every problem of an invalid draft", () => {
    const draft = emptyOverrides();
    setPackEnabled(draft, "active-listening", false);
    setSignalPhrases(draft, "emotion.frustration", "en", "phrases", "bananas\n\n  fed up with this  ");
    expect(draft.signals).toEqual({ "emotion.frustration": { en: { phrases: ["bananas", "fed up with this"] } } });
    const result = compileDraft(shippedPacks.packs, [], draft, undefined);
    expect("compiled" in result && result.compiled.packs.map((p) => p.id)).not.toContain("active-listening");
    setPackEnabled(draft, "active-listening", true);
    setRuleField(draft, rule("open-question"), "cooldownSeconds", -1);
    setRuleField(draft, rule("talk-ratio"), "param:threshold", "lots");
    expect(compileDraft(shippedPacks.packs, [], draft, undefined)).toEqual({
      problems: [expect.stringMatching(/^overrides: \$\.rules\.open-question\.cooldownSeconds: /)],
    });
  });
});

describe("suggested phrases in the draft", () => {
  // "zbang" is a made-up word of exasperation no lexicon knows.
  const files = [
    { name: "chat.json", text: JSON.stringify({ events: ["zbang total cu coletul", "iar zbang total la factura"].map((text, i) => ({ type: "turn", speaker: "customer", text, at: i })) }) },
    { name: "lines.txt", text: "zbang total, contul blocat\ncoletul a ajuns, mulțumesc\nfactura e corectă" },
    { name: "broken.tsv", text: "no tab here" },
  ];
  const request = { signal: "emotion.frustration", language: "ro", files };

  it("are proposed from the files read, naming those that could not be, and Add puts one in the draft's extra phrases once", () => {
    const draft = emptyOverrides();
    const first = suggestForDraft(shippedPacks, draft, request);
    expect(first.problems).toEqual(["broken.tsv:1: expected text<TAB>label"]);
    expect(first.suggestions).toMatchObject({ utterances: 5, source: "co-occurrence" });
    expect(addSignalPhrase(draft, "emotion.frustration", "ro", "zbang total")).toBe(true);
    expect(addSignalPhrase(draft, "emotion.frustration", "ro", "zbang total")).toBe(false);
    expect(draft.signals).toEqual({ "emotion.frustration": { ro: { phrases: ["zbang total"] } } });
    const compiled = compileDraft(shippedPacks.packs, [], draft, undefined);
    expect("compiled" in compiled && compiled.compiled.detector.detect("zbang total cu coletul", "ro").has("emotion.frustration")).toBe(true);
    // The phrase added counts as the lexicon's: the lines it finds are no longer missed, and it is not proposed again.
    const again = suggestForDraft(shippedPacks, draft, request);
    expect(again.suggestions?.lexiconHits).toBe(3);
    expect(again.suggestions?.suggestions.map((s) => s.phrase)).not.toContain("zbang total");
  });

  it("are none when no file could be read, only the problems", () => {
    expect(suggestForDraft(shippedPacks, emptyOverrides(), { ...request, files: [files[2]!] })).toEqual({ problems: ["broken.tsv:1: expected text<TAB>label"] });
  });
});

describe("the preview's pasted conversation", () => {
  it("reads plain lines and the engine's JSON alike, and says what is wrong with either", () => {
    const lines = parsePreviewInput("Customer: My order never arrived!!!\n\nAgent @12: Did you check the tracking?");
    expect("conversation" in lines && lines.conversation.events.map((e) => [e.type, e.at])).toEqual([["turn", 0], ["turn", 12]]);
    const json = parsePreviewInput(JSON.stringify({ events: [{ type: "turn", speaker: "customer", text: "hi", at: 0 }] }));
    expect("conversation" in json).toBe(true);
    expect(parsePreviewInput("Boss: hello")).toEqual({ problems: [expect.stringMatching(/^line 1: expected "customer: …"/)] });
    expect(parsePreviewInput('{"events": [{"type": "turn"}]}')).toEqual({ problems: expect.arrayContaining([expect.stringMatching(/^conversation: \$\.events\[0\]/)]) });
  });
});
