import type { CompiledPacks } from "../engine/index.js";
import { branchTarget, chooseBranch, REPLY_SIGNALS, type Branch, type PracticeLine, type PracticeScript } from "./practice-script.js";
import type { Scenario } from "./scenario.js";

const DETECTED: ReadonlySet<string> = new Set(REPLY_SIGNALS.filter((signal) => signal !== "interrupted"));

/**
 * The signals a practice customer reacts to in the trainee's replies to one line: what the packs' detector finds in
 * each, in the scenario's language (the words the engine reads, so the branch and the nudges agree), and
 * `interrupted` when one was sent while the customer was typing.
 */
export function replySignals(packs: CompiledPacks, language: string, replies: readonly string[], interrupted: boolean): Set<string> {
  const carried = new Set<string>();
  for (const text of replies) for (const signal of packs.detector.detect(text, language)) if (DETECTED.has(signal)) carried.add(signal);
  if (interrupted) carried.add("interrupted");
  return carried;
}

/**
 * The scenario's practice script; for a scenario without one (an older file), the customer's lines of its good
 * variant (else its first) in order, each whatever the reply, the good agent's reply to it as the hint.
 */
export function practiceScriptOf(scenario: Scenario): PracticeScript {
  if (scenario.practice) return scenario.practice;
  const events = (scenario.variants.find((v) => v.id === "good") ?? scenario.variants[0]!).events;
  const lines: PracticeScript["lines"] = {};
  let previous: PracticeLine | undefined;
  let hint: string[] = [];
  const closeHint = () => {
    if (previous && hint.length) previous.hint = hint.join(" ");
    hint = [];
  };
  for (const event of events) {
    if (event.type !== "turn") continue;
    if (event.speaker === "agent") {
      hint.push(event.text);
      continue;
    }
    closeHint();
    const id = `line-${Object.keys(lines).length + 1}`;
    if (previous) previous.next = [{ otherwise: true, goTo: id }];
    previous = lines[id] = { says: event.text };
  }
  closeHint();
  return { start: "line-1", lines };
}

export interface CustomerAnswer {
  /** What the replies carried. */
  carried: ReadonlySet<string>;
  branch: Branch;
  id: string;
  line: PracticeLine;
}

/** A practice customer: where the conversation is in the script, and the line each set of replies leads to. */
export class PracticeCustomer {
  private lineId: string;

  constructor(
    readonly script: PracticeScript,
    private readonly read: (replies: readonly string[], interrupted: boolean) => ReadonlySet<string>,
  ) {
    this.lineId = script.start;
  }

  /** The customer's latest line (the opening before any reply). */
  get id(): string {
    return this.lineId;
  }

  get line(): PracticeLine {
    return this.script.lines[this.lineId]!;
  }

  /** The customer has said their last line. */
  get ended(): boolean {
    return !this.line.next;
  }

  /** What the customer would say to these replies to their latest line (none once the conversation has ended). */
  preview(replies: readonly string[], interrupted: boolean): CustomerAnswer | undefined {
    if (this.ended) return undefined;
    const carried = this.read(replies, interrupted);
    const branch = chooseBranch(this.line, carried)!;
    const id = branchTarget(branch);
    return { carried, branch, id, line: this.script.lines[id]! };
  }

  /** What the customer says to these replies: the conversation moves on to that line. */
  answer(replies: readonly string[], interrupted: boolean): CustomerAnswer | undefined {
    const answer = this.preview(replies, interrupted);
    if (answer) this.lineId = answer.id;
    return answer;
  }
}
