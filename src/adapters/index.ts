// Every adapter registers itself on import; add a console by adding its file here.
import "./consoles/zendesk.js";
import "./consoles/intercom.js";
import "./consoles/salesforce.js";
import "./consoles/freshdesk.js";
import "./consoles/hubspot.js";
import "./consoles/livechat.js";
import "./consoles/front.js";
import "./consoles/helpscout.js";
import "./consoles/genesys.js";
import "./consoles/twilio-flex.js";
import "./generic.js";

export { registeredAdapters } from "./adapter.js";
export type { Adapter } from "./adapter.js";
