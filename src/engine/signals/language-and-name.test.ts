import { describe, expect, it } from "vitest";
import { createLanguageTracker, detectLanguage } from "./language-detect.js";
import { detectName, mentionsName } from "./name.js";

describe("language detection", () => {
  it("knows Persian by its script and the Latin languages by their small words", () => {
    expect(detectLanguage("سلام، سفارشم نرسیده")?.language).toBe("fa");
    expect(detectLanguage("Buongiorno, il mio ordine non è ancora arrivato")?.language).toBe("it");
    expect(detectLanguage("Buna ziua, comanda mea nu a ajuns si sunt suparat")?.language).toBe("ro");
    expect(detectLanguage("Hi, my order is late and I need it for the weekend")?.language).toBe("en");
  });

  it("sticks once confident; an explicit setting wins; a confident turn in another language is read as such", () => {
    const tracker = createLanguageTracker({ declared: "en" });
    expect(tracker.observe("Buongiorno, il mio ordine non è ancora arrivato")).toBe("it");
    expect(tracker.observe("ok")).toBe("it");
    expect(tracker.observe("Hi, my order is late and I need it for the weekend")).toBe("en");
    expect(tracker.language).toBe("it");
    const explicit = createLanguageTracker({ explicit: "ro" });
    explicit.observe("Buongiorno, il mio ordine non è ancora arrivato");
    expect(explicit.language).toBe("ro");
  });
});

describe("names", () => {
  it("finds a self-introduced name in each language", () => {
    expect(detectName("Hi, my name is Maria Rossi and my order is late", "en")).toBe("Maria Rossi");
    expect(detectName("Buongiorno, mi chiamo Giulia", "it")).toBe("Giulia");
    expect(detectName("Bună, mă numesc Andrei Popescu", "ro")).toBe("Andrei Popescu");
    expect(detectName("سلام، اسمم سارا است", "fa")).toBe("سارا");
  });

  it("keeps the name of a short introduction, capitalised, where it ends or a name's cue follows", () => {
    expect(detectName("Hi, I'm Sarah from the billing team", "en")).toBe("Sarah");
    expect(detectName("hey, Tom here from support 👋", "en")).toBe("Tom");
    expect(detectName("Good morning, this is Priya speaking", "en")).toBe("Priya");
    expect(detectName("Hello, you're speaking with Daniel from Acme", "en")).toBe("Daniel");
    expect(detectName("This is Maria Rossi, I emailed yesterday", "en")).toBe("Maria Rossi");
    expect(detectName("Buongiorno, sono Giulia dell'assistenza clienti", "it")).toBe("Giulia");
    expect(detectName("Buongiorno, le parla Francesca, come posso aiutarla?", "it")).toBe("Francesca");
    expect(detectName("ciao, Ahmed qui, ordine 55123", "it")).toBe("Ahmed");
    expect(detectName("Bună ziua, sunt Ioana de la serviciul clienți", "ro")).toBe("Ioana");
    expect(detectName("Bună ziua, vă vorbește Andreea", "ro")).toBe("Andreea");
    expect(detectName("سلام، سارا هستم از واحد پشتیبانی", "fa")).toBe("سارا");
    // Lower case says nothing of a name, and a state after "I'm" is none.
    expect(detectName("hi im jake, i have a question", "en")).toBeUndefined();
    expect(detectName("I'm sorry, I'm still waiting here", "en")).toBeUndefined();
    expect(detectName("sono in attesa del rimborso", "it")).toBeUndefined();
  });

  it("takes no lower-case word after the name for a surname", () => {
    expect(detectName("Hi, my name is Ana and I'll help you today", "en")).toBe("Ana");
    expect(detectName("Buongiorno, mi chiamo Giulia e la aiuto io", "it")).toBe("Giulia");
    expect(detectName("My name is tom", "en")).toBe("tom");
  });

  it("sees the name used, whatever the case, accents and inflected endings", () => {
    expect(mentionsName("Thanks, MARIA!", "Maria Rossi", "en")).toBe(true);
    expect(mentionsName("Doamna Popescu, vă mulțumesc", "Andrei Popescu", "ro")).toBe(true);
    expect(mentionsName("I-am scris domnului Popescului", "Andrei Popescu", "ro")).toBe(true);
    expect(mentionsName("Thanks for waiting", "Maria Rossi", "en")).toBe(false);
  });
});
