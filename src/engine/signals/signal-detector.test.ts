import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeLexicons } from "./lexicon-schema.js";
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

  it("lets a negator reach only within its clause: 'No, I'm furious' is fury", () => {
    for (const text of ["No, I'm furious.", "Of course not! I'm livid.", "why not? come on!"]) {
      expect(has(text, "emotion.frustration"), text).toBe(true);
    }
    expect(has("I am not really angry", "emotion.frustration")).toBe(false);
  });

  it("reads a short question asking to repeat, and a self-correction, as no apology", () => {
    for (const text of ["Sorry?", "sorry, what?", "I'm sorry?", "I beg your pardon?", "Sorry, could you repeat that?", "sorry I didn't catch that", "sorry, say again", "the incoming, sorry I meant the outgoing calls"]) {
      expect(has(text, "apology"), text).toBe(false);
    }
    for (const text of ["Sorry!", "I'm so sorry about that.", "Sorry? I'm so sorry, that should not have happened.", "Sorry for the wait, could you confirm your postcode?", "I'm sorry, I mean it"]) {
      expect(has(text, "apology"), text).toBe(true);
    }
  });

  it("reads declining, 'thanks to' (because of) and relief as no gratitude; British 'ta' as thanks", () => {
    for (const text of ["No thanks, I'm fine", "thanks but no thanks", "Thanks to the update it works now", "Thank God that's sorted", "thanks for nothing"]) {
      expect(has(text, "gratitude"), text).toBe(false);
    }
    for (const text of ["Thanks to you it works now", "Thank you for calling, how can I help?", "ta very much", "Thank you, bye", "Thanks, have a good day"]) {
      expect(has(text, "gratitude"), text).toBe(true);
    }
    expect(has("thanks for nothing", "emotion.frustration")).toBe(true);
  });

  it("hears exasperated interjections, and not the same words used plainly", () => {
    for (const text of ["ugh, this again", "Seriously? Third email today.", "Oh come on!", "why is this taking so long", "your agent was incredibly rude", "Argh"]) {
      expect(has(text, "emotion.frustration"), text).toBe(true);
    }
    for (const text of ["we got seriously lost", "I take it seriously", "Come on in, the door is open", "people joke about it", "you seem upset, can I help?", "oh, that's terrible, I hope your mum is better", "it tastes horrible"]) {
      expect(has(text, "emotion.frustration"), text).toBe(false);
    }
  });

  it("hears impatience and scorn, not urging, concern or acknowledging someone else's frustration", () => {
    for (const text of ["Will you hurry up?", "what is wrong with you people", "I can't stand this any more", "Not again.", "this is the last straw", "eww, that's revolting"]) {
      expect(has(text, "emotion.frustration"), text).toBe(true);
    }
    for (const text of ["hurry up, the film is starting", "what's wrong with you? you look pale", "the budget can't stand another cut", "I know it's frustrating, let me fix it", "if something terrible happened"]) {
      expect(has(text, "emotion.frustration"), text).toBe(false);
    }
  });

  it("reads warm emoji as glad (no shouting) and an angry face as anger", () => {
    expect(has("BEST SERVICE EVER!!! ❤️", "emotion.frustration")).toBe(false);
    expect(has("grazie ragazzi!!! 👏", "emotion.frustration")).toBe(false);
    expect(has("where is my parcel 😡", "emotion.frustration")).toBe(true);
    expect(has("WHERE IS MY PARCEL!!!", "emotion.frustration")).toBe(true);
  });

  it("reads a heart, a grin or a party as gladness, a polite smile, a thumb or folded hands not, and none beside anger", () => {
    expect(has("it arrived 😍", "emotion.positive")).toBe(true);
    expect(has("sorted, ty ❤️", "emotion.positive")).toBe(true);
    expect(has("all done 🎉", "emotion.positive")).toBe(true);
    expect(has("let me check 🙂", "emotion.positive")).toBe(false);
    expect(has("ok 👍", "emotion.positive")).toBe(false);
    expect(has("please check again 🙏", "emotion.positive")).toBe(false);
    expect(has("broken AGAIN 😍 😡", "emotion.positive")).toBe(false);
    expect(en.explain!("all done 🎉", "en", ["emotion.positive"])).toEqual([{ signal: "emotion.positive", text: "🎉", at: 9, from: "shape" }]);
  });

  it("reads praise or thanks told with a failure in one sentence as sarcasm: frustration, and no gladness or thanks", () => {
    for (const text of ["Thanks a lot, you charged me twice", "Wonderful, the parcel arrived broken"]) {
      expect([...en.detect(text, "en")].sort(), text).toEqual(["complaint.error", "emotion.frustration"]);
    }
    // In two sentences each says what it says; thanks elsewhere in the turn still counts.
    expect([...en.detect("Thanks for calling back. You charged me twice.", "en")].sort()).toEqual(["complaint.error", "gratitude"]);
    expect(has("Wonderful, the parcel arrived broken. Thank you for sorting it.", "gratitude")).toBe(true);
    // A point between digits is a price, not a sentence's end.
    expect([...en.detect("Thanks a lot, it cost 24.99 and arrived broken", "en")].sort()).toEqual(["complaint.error", "emotion.frustration"]);
  });

  it("reads the faces of exasperation and a run of question marks as frustration, not one or two question marks", () => {
    expect(has("thanks for the super quick reply 🙄", "emotion.frustration")).toBe(true);
    expect(has("ok then 😒", "emotion.frustration")).toBe(true);
    expect(has("where is my refund???", "emotion.frustration")).toBe(true);
    expect(has("سفارشم کجاست؟؟؟", "emotion.frustration")).toBe(true);
    expect(has("where is my refund?", "emotion.frustration")).toBe(false);
    expect(has("where is my refund??", "emotion.frustration")).toBe(false);
    expect(en.detect("where is my refund???", "en")).toContain("question.open");
  });

  it("tells open from closed questions, with or without a question mark", () => {
    expect(en.detect("Could you walk me through what happened?", "en")).toContain("question.open");
    expect(en.detect("what kind of car do you have", "en")).toContain("question.open");
    expect(en.detect("Did you restart the router?", "en")).toContain("question.closed");
    expect(en.detect("do you have kids", "en")).toContain("question.closed");
    expect(en.detect("The router is on?", "en")).toContain("question.closed");
    expect(en.detect("The router is on.", "en").has("question.closed")).toBe(false);
  });

  it("reads a question word inside a yes/no question's clause as closed; a tag or a restart as a question without its mark", () => {
    const kind = (text: string) => [...en.detect(text, "en")].filter((signal) => signal.startsWith("question."));
    expect(kind("Will I get an email when it's dispatched?")).toEqual(["question.closed"]);
    expect(kind("Could you walk me through what happened?")).toEqual(["question.open"]);
    expect(kind("That took ages, didn't it")).toEqual(["question.closed"]);
    expect(kind("Did, um, do you still have the box")).toEqual(["question.closed"]);
    expect(kind("uh huh")).toEqual([]);
    expect(kind("when I log in it just spins")).toEqual([]);
  });

  it("keeps good agent replies quiet for frustration and blame", () => {
    const reply = en.detect("I'm so sorry about that, let me fix it now.", "en");
    expect(reply.has("emotion.frustration")).toBe(false);
    expect(reply.has("blame")).toBe(false);
  });
});

describe("a signal that supersedes others", () => {
  const detector = compileSignalDetector({
    "emotion.frustration": { ro: { supersedes: { "emotion.positive": "overlap", gratitude: "overlap" }, phrases: ["mulțumesc pentru nimic", "perfect ... iar nu"] } },
    "emotion.positive": { ro: { phrases: ["perfect", "minunat"] } },
    "gratitude": { ro: { phrases: ["mulțumesc"] } },
  });
  const signals = (text: string) => [...detector.detect(text, "ro")].sort();

  it("takes back the glad words its own phrase holds: sarcasm is no thanks and no gladness", () => {
    expect(signals("Mulțumesc pentru nimic.")).toEqual(["emotion.frustration"]);
    expect(signals("Perfect, iar nu merge aplicația")).toEqual(["emotion.frustration"]);
  });

  it("takes back, where it says so, what stands anywhere in its sentence, and nothing in the next", () => {
    const restating = compileSignalDetector({
      paraphrase: { en: { supersedes: { "complaint.error": "sentence" }, phrases: ["if i understand correctly"] } },
      "complaint.error": { en: { phrases: ["arrived broken"] } },
    });
    const signals = (text: string) => [...restating.detect(text, "en")].sort();
    expect(signals("If I understand correctly, the kettle arrived broken?")).toEqual(["paraphrase"]);
    expect(signals("If I understand correctly you want a refund. The kettle arrived broken.")).toEqual(["complaint.error", "paraphrase"]);
  });

  it("leaves them where they stand apart from its phrase, and stands aside where it is not found", () => {
    expect(signals("Mulțumesc, dar perfect iar nu merge")).toEqual(["emotion.frustration", "gratitude"]);
    expect(signals("Minunat, mulțumesc!")).toEqual(["emotion.positive", "gratitude"]);
  });
});

describe("other languages' phrases", () => {
  const detector = compileSignalDetector({
    "emotion.frustration": {
      it: { phrases: ["sono arrabbiat*", "non ne posso più"], exceptions: ["non sono arrabbiat*"] },
      ro: { phrases: ["sunt supărat*", "a treia oară", "nimeni competent"] },
      fa: { phrases: ["عصبانی هستم", "خسته شدم"] },
    },
    "question.open": { it: { phrases: ["come|cosa|perché"], exceptions: ["come le ho già detto"] }, fa: { phrases: ["چرا", "چطور"] } },
    "question.closed": { it: { phrases: ["va bene", "vero$"] } },
  });

  it("read a sentence closed by a tag as a question without its mark; a cue that only happens to end it is none", () => {
    expect(detector.detect("È arrivato ieri, vero", "it")).toContain("question.closed");
    expect(detector.detect("Va bene?", "it")).toContain("question.closed");
    expect(detector.detect("Ok, va bene.", "it").has("question.closed")).toBe(false);
    expect([...detector.detect("Mi ha detto cosa fare, vero", "it")]).toEqual(["question.closed"]);
  });

  it("take an exception over a question cue: a statement that opens like a question is no question", () => {
    expect(detector.detect("Come funziona", "it")).toContain("question.open");
    expect(detector.detect("Come le ho già detto, ci vuole tempo.", "it").has("question.open")).toBe(false);
    expect(detector.detect("Come le ho già detto, cosa vuole?", "it")).toContain("question.open");
  });

  it("match Italian and Romanian without accents, with inflections, and honour negation", () => {
    expect(detector.detect("sono arrabbiatissima, non ne posso piu", "it")).toContain("emotion.frustration");
    expect(detector.detect("Non sono arrabbiata, tranquilli", "it").has("emotion.frustration")).toBe(false);
    // "ne" is "of it" far more often than "né" (nor), which folds to the same word: no negator.
    expect(detector.detect("ne sono arrabbiata", "it")).toContain("emotion.frustration");
    expect(detector.detect("Sunt suparata, e a treia oara!", "ro")).toContain("emotion.frustration");
    expect(detector.detect("Nu sunt supărat", "ro").has("emotion.frustration")).toBe(false);
    // Negative concord: "nimeni" (nobody) after "nu" repeats the no, it does not turn "nobody competent" around.
    expect(detector.detect("nu e nimeni competent la voi", "ro")).toContain("emotion.frustration");
  });

  it("match Persian written with Arabic letters, without ZWNJ and with a Persian question mark", () => {
    expect(detector.detect("خيلي عصباني هستم", "fa")).toContain("emotion.frustration");
    expect(detector.detect("دیگه خسته شدم", "fa")).toContain("emotion.frustration");
    expect(detector.detect("چرا سفارشم نرسید؟", "fa")).toContain("question.open");
    expect(detector.detect("سفارشم رسید؟", "fa")).toContain("question.closed");
  });
});

describe("the shipped Italian, Romanian and Persian lexicons", () => {
  const lexicon = (lang: string) => JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "rules", `lexicon-${lang}.json`), "utf8")).signals;
  const shipped = compileSignalDetector(mergeLexicons(...["it", "ro", "fa"].map(lexicon)));

  it.each([
    ["it", "Non è ancora arrivata e sono tre settimane che aspetto", ["complaint.error", "emotion.frustration"]],
    ["it", "Questa volta tolgo la penale e vedrà l'accredito nella prossima bolletta", ["next-step"]],
    ["it", "ma stiamo scherzando? è mai possibile?", ["emotion.frustration"]],
    ["it", "È da stamattina che provo a chiamarvi", ["emotion.frustration"]],
    ["it", "Sto aspettando risposta dal 3 marzo", ["emotion.frustration"]],
    ["it", "Ma per favore, ma possibile?", ["emotion.frustration"]],
    ["ro", "M-am săturat, e a treia oară când vă scriu", ["emotion.frustration"]],
    ["ro", "Îmi pare foarte rău, înțeleg cât de frustrant este", ["apology", "ack.feeling"]],
    ["ro", "Tehnicianul vă va suna mâine", ["next-step"]],
    ["ro", "Calmați-vă, vă rog", ["blame"]],
    ["fa", "اصلا اعصابم خورد شد", ["emotion.frustration"]],
    ["fa", "خیلی بی‌ادب هستید", ["emotion.frustration"]],
    ["fa", "فقط برای اینکه مطمين بشم، درسته؟", ["paraphrase"]],
    ["fa", "کاری از دستم برنمی‌آید", ["blame"]],
  ])("%s: %s → %j", (lang, text, expected) => {
    const found = shipped.detect(text, lang);
    for (const signal of expected) expect(found, signal).toContain(signal);
  });

  it.each([
    ["it", "Come le ho già detto, ci vogliono tre giorni."],
    ["it", "Va bene, le invio il modulo."],
    ["ro", "Cum v-am spus deja, durează."],
    ["ro", "Aveți dreptate, verific imediat."],
    ["fa", "همانطور که گفتم، زمان می‌برد."],
  ])("%s: a statement that opens like a question is none: %s", (lang, text) => {
    const found = shipped.detect(text, lang);
    expect(found.has("question.open") || found.has("question.closed")).toBe(false);
  });

  it.each([
    ["it", "GRAZIE MILLE, SIETE FANTASTICI!!!"],
    ["ro", "BRAVO, MULȚUMESC FRUMOS!!!"],
    ["fa", "عالی بود!!! خیلی ممنون"],
  ])("%s: glad capitals and '!!!' are no frustration: %s", (lang, text) => {
    expect(shipped.detect(text, lang).has("emotion.frustration")).toBe(false);
  });
});

describe("the words that carry a signal", () => {
  const all = mergeLexicons(...["en", "it", "fa"].map((l) => JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "rules", `lexicon-${l}.json`), "utf8")).signals));
  const detector = compileSignalDetector(all);
  const words = (text: string, language: string, signals: string[]) => detector.explain!(text, language, signals).map((w) => w.text);

  it("gives the words as written, in order: case, accents, punctuation and Persian's joiners kept", () => {
    expect(words("Honestly I'm FED UP, it's the third time!!!", "en", ["emotion.frustration"])).toEqual(["FED UP", "third time", "!!!"]);
    expect(words("È la terza volta, sono stufo.", "it", ["emotion.frustration"])).toEqual(["terza volta", "stufo"]);
    expect(words("واقعاً خسته شدم", "fa", ["emotion.frustration"])).toEqual(["خسته شدم"]);
    expect(words("این بار سوم است که می‌نویسم", "fa", ["emotion.frustration"])).toEqual(["بار سوم"]);
  });

  it("gives only the signals asked for, and none the detector does not find", () => {
    expect(words("I'm sorry, you charged me twice", "en", ["complaint.error"])).toEqual(["charged me twice"]);
    expect(words("I'm not angry", "en", ["emotion.frustration"])).toEqual([]);
    expect(words("Did you restart it? Is the light green?", "en", ["question.closed"])).toEqual(["Did you restart it", "Is the light green"]);
  });

  it("shows sarcasm as its sentence", () => {
    expect(words("Wonderful, the parcel arrived broken. Now what?", "en", ["emotion.frustration"])).toEqual(["Wonderful, the parcel arrived broken"]);
    expect(words("grazie mille, il pacco è arrivato rotto", "it", ["emotion.frustration"])).toEqual(["grazie mille, il pacco è arrivato rotto"]);
  });

  it("shows no shouting for glad capitals", () => {
    expect(words("THANK YOU SO MUCH!!! 😡", "en", ["emotion.frustration"])).toEqual(["😡"]);
  });
});
