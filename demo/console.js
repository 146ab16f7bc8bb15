// A stand-in help-desk console: it replays scripted chats into a live transcript, the way a real console renders
// messages as they arrive, and lets you type replies of your own. Two chats wait in the queue; clicking one shows it in
// the same pane (as single-page consoles do), each going on in the background while the other is shown. A chat starts
// when it is first opened. Query parameters: ?conversation=NAME (the chat shown first: frustrated-order or
// poor-billing, as in conversations/), ?speed=N (replay N times faster). When the chat shown first has played out,
// <body data-demo-done> is set.
const params = new URLSearchParams(location.search);
const speed = Math.max(0.1, Number(params.get("speed") ?? 1) || 1);

/** The queue: each chat's script, its id in the console, and what the details pane shows. */
const CHATS = [
  { file: "frustrated-order", id: "chat-55120", topic: "Order 55120", plan: "Business", orders: "55120 — standing desk" },
  { file: "poor-billing", id: "chat-55187", topic: "Double charge", plan: "Personal", orders: "55187 — standing desk" },
];

const transcript = document.querySelector(".transcript");
const typing = document.querySelector(".typing");
const form = document.querySelector(".reply");
const replyBox = document.querySelector("#reply-box");
const section = document.querySelector(".chat");
const queue = document.querySelector(".queue__chats");

/** Times shown as a real console would, from a fixed start so that screenshots are the same on every run. */
const START_MINUTES = 10 * 60 + 2;
const clock = (seconds) => {
  const minutes = START_MINUTES + Math.floor(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};

/** Each chat as the console keeps it: its messages so far, whether its customer is typing, whether it was opened. */
const state = new Map(CHATS.map((chat) => [chat.id, { chat, customer: "Customer", messages: [], typingUntil: 0, started: false, unread: false }]));
/** The chat in the pane; the demo is over when the one shown first has played out. */
let shown = CHATS.find((chat) => chat.file === params.get("conversation")) ?? CHATS[0];
const first = shown;

function messageElement({ id, speaker, text, author, at }) {
  const item = document.createElement("div");
  item.className = `msg msg--${speaker}`;
  item.dataset.messageId = id;
  const label = document.createElement("span");
  label.className = "msg__author";
  label.textContent = author;
  const body = document.createElement("p");
  body.className = "msg__text";
  body.textContent = text;
  const time = document.createElement("time");
  time.textContent = clock(at);
  item.append(label, body, time);
  return item;
}

function addMessage(chatId, speaker, text, author, at) {
  const chat = state.get(chatId);
  const message = { id: `${chatId}-m${chat.messages.length + 1}`, speaker, text, author, at };
  chat.messages.push(message);
  if (chatId === shown.id) {
    transcript.append(messageElement(message));
    transcript.scrollTop = transcript.scrollHeight;
  } else {
    chat.unread = true;
    drawQueue();
  }
}

function showTyping() {
  typing.hidden = state.get(shown.id).typingUntil <= performance.now();
}

function drawQueue() {
  queue.replaceChildren(
    ...CHATS.map((chat) => {
      const { customer, unread } = state.get(chat.id);
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.conversationId = chat.id;
      button.setAttribute("aria-current", String(chat.id === shown.id));
      const topic = document.createElement("small");
      topic.textContent = chat.topic;
      button.append(customer);
      if (unread) button.append(Object.assign(document.createElement("span"), { className: "unread", title: "New messages" }));
      button.append(topic);
      const item = document.createElement("li");
      item.append(button);
      return item;
    }),
  );
}

/** Shows a chat in the pane: its messages so far, its customer, its details; a chat never opened starts. */
function open(chat) {
  shown = chat;
  const kept = state.get(chat.id);
  kept.unread = false;
  section.dataset.conversationId = chat.id;
  document.querySelector(".customer-name").textContent = kept.customer;
  document.querySelector(".customer-field").textContent = kept.customer;
  document.querySelector(".plan-field").textContent = chat.plan;
  document.querySelector(".orders-field").textContent = chat.orders;
  transcript.setAttribute("aria-label", `Conversation with ${kept.customer}`);
  typing.textContent = `${kept.customer.split(" ")[0]} is typing…`;
  transcript.replaceChildren(...kept.messages.map(messageElement));
  transcript.scrollTop = transcript.scrollHeight;
  showTyping();
  drawQueue();
  if (!kept.started) {
    kept.started = true;
    void replay(chat);
  }
}

queue.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-conversation-id]");
  const chat = button && CHATS.find((c) => c.id === button.dataset.conversationId);
  if (chat && chat !== shown) open(chat);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = replyBox.value.trim();
  if (!text) return;
  addMessage(shown.id, "agent", text, "You", (performance.now() - state.get(shown.id).startedAt) / 1000);
  replyBox.value = "";
});

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / speed));

async function replay(chat) {
  const kept = state.get(chat.id);
  kept.startedAt = performance.now();
  let at = 0;
  for (const event of kept.script.events) {
    await sleep(event.at - at);
    at = event.at;
    if (event.type === "typing") {
      kept.typingUntil = performance.now() + (((event.until ?? event.at + 3) - event.at) * 1000) / speed;
      showTyping();
      setTimeout(showTyping, kept.typingUntil - performance.now());
    } else if (event.type === "turn") {
      kept.typingUntil = 0;
      showTyping();
      addMessage(chat.id, event.speaker, event.text, event.speaker === "agent" ? "You" : `${kept.customer} (Visitor)`, event.at);
    }
  }
  await sleep(3);
  if (chat === first) document.body.dataset.demoDone = "true";
}

async function load() {
  await Promise.all(
    CHATS.map(async (chat) => {
      const script = await (await fetch(`conversations/${encodeURIComponent(chat.file)}.json`)).json();
      Object.assign(state.get(chat.id), { script, customer: script.customerName ?? "Customer" });
    }),
  );
  open(shown);
}

void load();
