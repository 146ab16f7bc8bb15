/** A long chat that keeps the rules busy: frustration, errors, runs of closed questions, blame, closings. */
export function busyChat(turns: number): Array<{ speaker: "agent" | "customer"; text: string }> {
  const customer = [
    "This is the third time I'm writing, I'm so fed up!!!",
    "You charged me twice for the same order.",
    "ok",
    "The parcel never arrived and nobody answers.",
    "I'm really angry about this.",
  ];
  const agent = [
    "Did you check your spam folder?",
    "Is the address correct?",
    "Calm down, there's nothing I can do.",
    "I'm so sorry about that, I understand how frustrating this is.",
    "What happened when you tried to log in?",
    "Thanks for waiting. I've refunded the second charge. Anything else I can help with?",
  ];
  return Array.from({ length: turns }, (_, i) =>
    i % 2 === 0
      ? { speaker: "customer" as const, text: `${customer[(i / 2) % customer.length]} (#${i})` }
      : { speaker: "agent" as const, text: `${agent[((i - 1) / 2) % agent.length]} (#${i})` },
  );
}
