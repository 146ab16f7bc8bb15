import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSignalDetector } from "./signal-detector.js";

const english = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "rules", "lexicon-en.json"), "utf8")).signals;
const en = compileSignalDetector(english);
const has = (text: string, signal: string) => en.detect(text, "en").has(signal);

describe("English signals", () => {
  it.each([
    ["I've been waiting for three weeks!", "emotion.frustration"],
    ["I waited for weeks and nobody answers", "emotion.frustration"],
    ["THIS IS COMPLETELY UNACCEPTABLE", "emotion.frustration"],
    ["where is it?!", "emotion.frustration"],
    ["you charged me twice", "complaint.error"],
    ["the parcel never arrived", "complaint.error"],
    ["I'm so sorry about that", "apology"],
    ["thanks for waiting", "gratitude"],
    ["that must be really frustrating", "ack.feeling"],
    ["so if I understand correctly, the refund is missing?", "paraphrase"],
    ["I've escalated it and you'll receive an email today", "next-step"],
    ["calm down, as I already said", "blame"],
    ["Is there anything else I can help with?", "closing"],
    ["Hi there!", "greeting"],
    ["my name is Maria", "self-introduction"],
  ])("%s → %s", (text, signal) => {
    expect(has(text, signal)).toBe(true);
  });

  it("reads capitals and '!!!' as frustration only when the words are not glad", () => {
    expect(has("WHERE IS MY ORDER, I PAID A WEEK AGO", "emotion.frustration")).toBe(true);
    expect(has("THANK YOU SO MUCH!!!", "emotion.frustration")).toBe(false);
    expect(has("This is amazing!!!", "emotion.frustration")).toBe(false);
  });

  it("respects negation: 'I'm not angry' is not frustration, 'not sorry' no apology", () => {
    expect(has("I'm not angry, just asking", "emotion.frustration")).toBe(false);
    expect(has("I'm not sorry", "apology")).toBe(false);
  });

  it("tells open from closed questions, with or without a question mark", () => {
    expect(en.detect("Could you walk me through what happened?", "en")).toContain("question.open");
    expect(en.detect("what kind of car do you have", "en")).toContain("question.open");
    expect(en.detect("Did you restart the router?", "en")).toContain("question.closed");
    expect(en.detect("do you have kids", "en")).toContain("question.closed");
    expect(en.detect("The router is on?", "en")).toContain("question.closed");
    expect(en.detect("The router is on.", "en").has("question.closed")).toBe(false);
  });

  it("keeps good agent replies quiet for frustration and blame", () => {
    const reply = en.detect("I'm so sorry about that, let me fix it now.", "en");
    expect(reply.has("emotion.frustration")).toBe(false);
    expect(reply.has("blame")).toBe(false);
  });
});

describe("other languages' phrases", () => {
  const detector = compileSignalDetector({
    "emotion.frustration": {
      it: { phrases: ["sono arrabbiat*", "non ne posso più"], exceptions: ["non sono arrabbiat*"] },
      ro: { phrases: ["sunt supărat*", "a treia oară"] },
      fa: { phrases: ["عصبانی هستم", "خسته شدم"] },
    },
    "question.open": { it: { phrases: ["come|cosa|perché"], exceptions: ["come le ho già detto"] }, fa: { phrases: ["چرا", "چطور"] } },
  });

  it("take an exception over a question cue: a statement that opens like a question is no question", () => {
    expect(detector.detect("Come funziona", "it")).toContain("question.open");
    expect(detector.detect("Come le ho già detto, ci vuole tempo.", "it").has("question.open")).toBe(false);
    expect(detector.detect("Come le ho già detto, cosa vuole?", "it")).toContain("question.open");
  });

  it("match Italian and Romanian without accents, with inflections, and honour negation", () => {
    expect(detector.detect("sono arrabbiatissima, non ne posso piu", "it")).toContain("emotion.frustration");
    expect(detector.detect("Non sono arrabbiata, tranquilli", "it").has("emotion.frustration")).toBe(false);
    expect(detector.detect("Sunt suparata, e a treia oara!", "ro")).toContain("emotion.frustration");
    expect(detector.detect("Nu sunt supărat", "ro").has("emotion.frustration")).toBe(false);
  });

  it("match Persian written with Arabic letters, without ZWNJ and with a Persian question mark", () => {
    expect(detector.detect("خيلي عصباني هستم", "fa")).toContain("emotion.frustration");
    expect(detector.detect("دیگه خسته شدم", "fa")).toContain("emotion.frustration");
    expect(detector.detect("چرا سفارشم نرسید؟", "fa")).toContain("question.open");
    expect(detector.detect("سفارشم رسید؟", "fa")).toContain("question.closed");
  });
});
