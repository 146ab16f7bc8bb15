import { describe, expect, it } from "vitest";
import { quotedReply } from "./quoted-reply.js";

describe("quotedReply", () => {
  it("is what the suggestion quotes, in each language's marks", () => {
    expect(quotedReply("e.g. “Thanks, James Carter — let's get this sorted.”")).toBe("Thanks, James Carter — let's get this sorted.");
    expect(quotedReply("es. «Grazie, Giulia, sistemiamo subito.»")).toBe("Grazie, Giulia, sistemiamo subito.");
    expect(quotedReply("ex. „Mulțumesc, Elena, rezolvăm imediat.”")).toBe("Mulțumesc, Elena, rezolvăm imediat.");
    expect(quotedReply("مثلاً «ممنون سارا احمدی، همین الان پیگیری می‌کنم.»")).toBe("ممنون سارا احمدی، همین الان پیگیری می‌کنم.");
    expect(quotedReply("Even a holding line helps: “Thanks for waiting — I'm checking this now.”")).toBe("Thanks for waiting — I'm checking this now.");
  });

  it("keeps a quote inside the quote", () => {
    expect(quotedReply("e.g. “I'm sorry — you're right, ‘wrong size’ is our mistake.”")).toBe("I'm sorry — you're right, ‘wrong size’ is our mistake.");
    expect(quotedReply("مثلاً «عذر می‌خواهم: «سایز اشتباه» اشتباه ماست.»")).toBe("عذر می‌خواهم: «سایز اشتباه» اشتباه ماست.");
    expect(quotedReply("ex. „Ne cerem scuze: «de două ori» este greșeala noastră.”")).toBe("Ne cerem scuze: «de două ori» este greșeala noastră.");
  });

  it("is nothing for advice that quotes no reply", () => {
    expect(quotedReply("Let them finish, then reply to all of it.")).toBeUndefined();
    expect(quotedReply("e.g. “”")).toBeUndefined();
  });
});
