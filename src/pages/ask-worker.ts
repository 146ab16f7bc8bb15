import browser from "webextension-polyfill";
import type { PageToWorker } from "../shared/messages.js";
import { WORKER_ANSWERS, type WorkerAnswer } from "../shared/worker-answers.js";

/** Sends the worker a message from an extension page; its answer is checked against what that message is answered with. */
export async function askWorker<M extends PageToWorker>(message: M): Promise<WorkerAnswer<M["type"]>> {
  const answer: unknown = await browser.runtime.sendMessage(message);
  const parsed = WORKER_ANSWERS[message.type].safeParse(answer);
  if (!parsed.success) throw new Error(`Attune: the worker's answer to ${message.type} was not understood`);
  return parsed.data as WorkerAnswer<M["type"]>;
}
