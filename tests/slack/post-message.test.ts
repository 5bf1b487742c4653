import { ErrorCode } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifyPostError } from "../../src/slack/post-message.js";

const platformError = (error: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error } });

describe("classifyPostError", () => {
  it.each([
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "account_inactive",
    "restricted_action",
    "restricted_action_read_only_channel",
    "team_access_not_granted",
    "ekm_access_denied",
  ])("pauses the channel for %s, with words a person can act on", (error) => {
    const outcome = classifyPostError(platformError(error), "C0FARM01");
    expect(outcome).toMatchObject({ ok: false, kind: "channel_gone", error });
    expect(outcome.ok === false && outcome.message).toMatch(/subscribe|reinstall|admin/);
    expect(outcome.ok === false && outcome.message).not.toContain("Slack refused the message");
  });

  it("retries Slack's own failures and refuses our malformed messages without retrying", () => {
    expect(classifyPostError(platformError("internal_error"), "C1")).toMatchObject({ kind: "transient" });
    expect(classifyPostError(platformError("invalid_blocks"), "C1")).toMatchObject({ kind: "rejected" });
    expect(classifyPostError({ code: ErrorCode.HTTPError, statusCode: 503 }, "C1")).toMatchObject({
      kind: "transient",
      error: "http_503",
    });
    expect(classifyPostError(new Error("socket hang up"), "C1")).toMatchObject({
      kind: "transient",
      message: "Could not reach Slack: socket hang up",
    });
  });
});
