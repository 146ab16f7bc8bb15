import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allowedPackUrl, effectiveSettings, readManagedPolicy, SETTING_NAMES, TelemetryPolicySchema } from "./managed-policy.js";

describe("the administrator's policy (storage.managed)", () => {
  it("reads packs and overrides given as JSON text (Chrome) or as values (Firefox)", () => {
    const asText = readManagedPolicy({ packs: ['{"id":"a"}'], overrides: '{"rules":{}}' });
    const asValues = readManagedPolicy({ packs: [{ id: "a" }], overrides: { rules: {} } });
    expect(asText).toEqual(asValues);
    expect(asText).toMatchObject({ policy: { packs: [{ id: "a" }], overrides: { rules: {} }, lockOverrides: false } });
  });

  it("lists every problem of an invalid policy with its place", () => {
    expect(readManagedPolicy({ packs: ["{nope"], lockedSettings: ["colour"] })).toEqual({
      problems: [expect.stringMatching(/^policy: \$\.packs\[0\]: JSON text expected/), expect.stringMatching(/^policy: \$\.lockedSettings\[0\]: /)],
    });
  });

  it("a locked setting takes the policy's value whatever the agent saved; an unlocked one is the agent's, the policy's by default", () => {
    const read = readManagedPolicy({ settings: { quiet: true, maxPerFiveMinutes: 2 }, lockedSettings: ["quiet", "autoHideSeconds"] });
    if (!("policy" in read)) throw new Error("valid policy refused");
    expect(effectiveSettings({ quiet: false, autoHideSeconds: 5 }, read.policy)).toMatchObject({ quiet: true, autoHideSeconds: 20, maxPerFiveMinutes: 2 });
    expect(effectiveSettings({ maxPerFiveMinutes: 9 }, read.policy)).toMatchObject({ maxPerFiveMinutes: 9 });
  });

  it("managed-schema.json declares every setting, and Chrome's schema rules hold", () => {
    const schema = JSON.parse(readFileSync(join(__dirname, "..", "..", "managed-schema.json"), "utf8"));
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBeUndefined();
    expect(Object.keys(schema.properties.settings.properties).sort()).toEqual([...SETTING_NAMES].sort());
    expect([...schema.properties.lockedSettings.items.enum].sort()).toEqual([...SETTING_NAMES].sort());
    expect(Object.keys(schema.properties).sort()).toEqual(["lockOverrides", "lockedSettings", "overrides", "packUrlPrefixes", "packs", "settings", "telemetry"]);
    expect(Object.keys(schema.properties.telemetry.properties).sort()).toEqual(Object.keys(TelemetryPolicySchema.shape).sort());
  });

  it("names a collector only with an http(s) base URL and an interval of at least 30 s (300 s by default)", () => {
    expect(readManagedPolicy({ telemetry: { endpoint: "https://otel.example.com:4318", team: "Billing" } })).toMatchObject({
      policy: { telemetry: { endpoint: "https://otel.example.com:4318", intervalSeconds: 300, team: "Billing" } },
    });
    expect(readManagedPolicy({})).not.toHaveProperty("policy.telemetry");
    expect(readManagedPolicy({ telemetry: { endpoint: "ftp://x", intervalSeconds: 5 } })).toEqual({
      problems: [expect.stringMatching(/^policy: \$\.telemetry\.endpoint: /), expect.stringMatching(/^policy: \$\.telemetry\.intervalSeconds: Too small/)],
    });
    expect(readManagedPolicy({ telemetry: { endpoint: "https://otel.example.com/?key=1" } })).toEqual({
      problems: ["policy: $.telemetry.endpoint: a base URL without query, fragment or credentials"],
    });
  });

  it("allows pack addresses under https prefixes, or http on loopback only, without query, fragment or credentials", () => {
    expect(readManagedPolicy({})).toMatchObject({ policy: { packUrlPrefixes: [] } });
    expect(readManagedPolicy({ packUrlPrefixes: ["https://packs.example.com/team/", "http://127.0.0.1:8080/packs"] })).toMatchObject({
      policy: { packUrlPrefixes: ["https://packs.example.com/team/", "http://127.0.0.1:8080/packs"] },
    });
    expect(readManagedPolicy({ packUrlPrefixes: ["http://packs.example.com/", "https://x.example/?a=1", "ftp://x.example/", "https://user:pw@x.example/"] })).toEqual({
      problems: [
        "policy: $.packUrlPrefixes[0]: https, or http on loopback only (127.0.0.1, localhost, [::1])",
        "policy: $.packUrlPrefixes[1]: an address without query, fragment or credentials",
        expect.stringMatching(/^policy: \$\.packUrlPrefixes\[2\]: /),
        "policy: $.packUrlPrefixes[3]: an address without query, fragment or credentials",
      ],
    });
  });

  it("a pack address is allowed on the prefix's origin, at its path or below it, and nowhere else", () => {
    const prefixes = ["https://packs.example.com/team", "http://127.0.0.1:8080/p/"];
    const allowed = (url: string) => allowedPackUrl(url, prefixes)?.href;
    expect(allowed("https://packs.example.com/team")).toBe("https://packs.example.com/team");
    expect(allowed("https://packs.example.com/team/retention.json#top")).toBe("https://packs.example.com/team/retention.json");
    expect(allowed("http://127.0.0.1:8080/p/a.json")).toBe("http://127.0.0.1:8080/p/a.json");
    for (const refused of [
      "https://packs.example.com/teams/a.json", // not below /team
      "https://packs.example.com/team/../secret.json", // resolves outside it
      "https://packs.example.com.evil.example/team/a.json", // another host that starts alike
      "http://packs.example.com/team/a.json", // another scheme
      "http://127.0.0.1:9090/p/a.json", // another port
      "https://me:pw@packs.example.com/team/a.json", // credentials
      "not a url",
    ]) expect(allowed(refused), refused).toBeUndefined();
    expect(allowedPackUrl("https://packs.example.com/team/a.json", [])).toBeUndefined();
  });
});
