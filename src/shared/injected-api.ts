import type Browser from "webextension-polyfill";

// Scripts injected into pages (the content script, the site picker) talk to the extension through each browser's own
// MV3 API, which is promise-based in both (Chrome's `chrome`, Firefox's `browser`): the polyfill would add 10 KB, a
// third of the content script's budget, and change nothing here. The worker and the pages keep the polyfill. Which
// global is a build-time choice.
const api = (__BROWSER__ === "firefox" ? (globalThis as { browser?: unknown }).browser : (globalThis as { chrome?: unknown }).chrome) as typeof Browser;

export default api;
export type { Runtime } from "webextension-polyfill";
