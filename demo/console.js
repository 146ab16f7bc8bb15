// A stand-in help-desk console: it replays a scripted chat into a live transcript, the way a real console renders
// messages as they arrive, and lets you type replies of your own. Query parameters: ?conversation=NAME (a file in
// conversations/), ?speed=N (replay N times faster). When the script ends, <body data-demo-done> is set.
const params = new URLSearchParams(location.search);
const speed = Math.max(0.1, Number(params.get("speed") ?? 1) || 1);
const name = params.get("conversation") ?? "frustrated-order";

const transcript = document.querySelector(".transcript");
const typing = document.querySelector(".typing");
const form = document.querySelector(".reply");
const replyBox = document.querySelector("#reply-box");
let nextId = 1;
const startedAt = performance.now();

/** Times shown as a real console would, from a fixed start so that screenshots are the same on every run. */
const START_MINUTES = 10 * 60 + 2;
const clock = (seconds) => {
  const minutes = START_MINUTES + Math.floor(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};

function addMessage(speaker, text, author, at = (performance.now() - startedAt) / 1000) {
  const item = document.createElement("div");
  item.className = `msg msg--${speaker}`;
  item.dataset.messageId = `m${nextId++}`;
  const label = document.createElement("span");
  label.className = "msg__author";
  label.textContent = author;
  const body = document.createElement("p");
  body.className = "msg__text";
  body.textContent = text;
  const time = document.createElement("time");
  time.textContent = clock(at);
  item.append(label, body, time);
  transcript.append(item);
  transcript.scrollTop = transcript.scrollHeight;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = replyBox.value.trim();
  if (!text) return;
  addMessage("agent", text, "You");
  replyBox.value = "";
});

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / speed));

async function replay() {
  const conversation = await (await fetch(`conversations/${encodeURIComponent(name)}.json`)).json();
  const customer = conversation.customerName ?? "Customer";
  let clock = 0;
  for (const event of conversation.events) {
    await sleep(event.at - clock);
    clock = event.at;
    if (event.type === "typing") {
      typing.hidden = false;
      setTimeout(() => { typing.hidden = true; }, (((event.until ?? event.at + 3) - event.at) * 1000) / speed);
    } else if (event.type === "turn") {
      typing.hidden = true;
      addMessage(event.speaker, event.text, event.speaker === "agent" ? "You" : `${customer} (Visitor)`, event.at);
    }
  }
  await sleep(3);
  document.body.dataset.demoDone = "true";
}

replay();
