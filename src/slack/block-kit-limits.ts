/**
 * Slack's Block Kit limits for messages, checked before posting (our renderers) and by the fake
 * Slack server in tests (to answer invalid_blocks / msg_blocks_too_long like Slack does).
 * The total-text limit is undocumented: Slack refuses messages whose blocks hold roughly more
 * than 12,000 characters of text with msg_blocks_too_long.
 */

export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  blockId: 255,
  headerText: 150,
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  contextElements: 10,
  textObject: 3_000,
  actionsElements: 25,
  imageAltText: 2_000,
  imageUrl: 3_000,
  markdownBlockText: 12_000,
  totalBlockText: 12_000,
  messageText: 40_000,
} as const;

/** The error Slack answers for a message breaking a limit. */
export type BlockKitError = "invalid_blocks" | "msg_blocks_too_long" | "msg_too_long" | "no_text";

interface Problem {
  error: BlockKitError;
  message: string;
}

export interface MessageToCheck {
  text?: unknown;
  blocks?: unknown;
}

const n = (value: number) => value.toLocaleString("en-US");

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: Problem[] = [];
  textLength = 0;

  invalid(where: string, what: string): void {
    this.problems.push({ error: "invalid_blocks", message: `${where}: ${what}` });
  }

  /** A text object: plain_text or mrkdwn, 1..max characters. */
  textObject(
    where: string,
    value: unknown,
    max: number,
    types: readonly string[] = ["plain_text", "mrkdwn"],
  ) {
    if (!isRecord(value) || typeof value.text !== "string" || typeof value.type !== "string") {
      this.invalid(where, "expected a text object with type and text");
      return;
    }
    if (!types.includes(value.type)) this.invalid(where, `text type must be ${types.join(" or ")}`);
    this.textLength += value.text.length;
    if (value.text.length === 0) this.invalid(where, "text is empty");
    if (value.text.length > max) {
      this.invalid(where, `text is ${n(value.text.length)} characters; Slack allows ${n(max)}`);
    }
  }

  list(where: string, value: unknown, min: number, max: number, what: string): unknown[] {
    if (!Array.isArray(value)) {
      this.invalid(where, `expected an array of ${what}`);
      return [];
    }
    if (value.length < min || value.length > max) {
      this.invalid(where, `has ${value.length} ${what}; Slack allows ${min} to ${max}`);
    }
    return value;
  }

  block(index: number, block: unknown): void {
    if (!isRecord(block) || typeof block.type !== "string") {
      this.invalid(`block ${index}`, "expected an object with a type");
      return;
    }
    const where = `block ${index} (${block.type})`;
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== "string" || block.block_id.length > BLOCK_KIT_LIMITS.blockId) {
        this.invalid(where, `block_id must be a string of at most ${BLOCK_KIT_LIMITS.blockId} characters`);
      }
    }
    switch (block.type) {
      case "header":
        this.textObject(where, block.text, BLOCK_KIT_LIMITS.headerText, ["plain_text"]);
        break;
      case "section":
        if (block.text === undefined && block.fields === undefined)
          this.invalid(where, "needs text or fields");
        if (block.text !== undefined) this.textObject(where, block.text, BLOCK_KIT_LIMITS.sectionText);
        if (block.fields !== undefined) {
          const fields = this.list(where, block.fields, 1, BLOCK_KIT_LIMITS.sectionFields, "fields");
          for (const [i, f] of fields.entries()) {
            this.textObject(`${where} field ${i}`, f, BLOCK_KIT_LIMITS.fieldText);
          }
        }
        break;
      case "context": {
        const elements = this.list(where, block.elements, 1, BLOCK_KIT_LIMITS.contextElements, "elements");
        elements.forEach((element, i) => {
          if (isRecord(element) && element.type === "image") this.image(`${where} element ${i}`, element);
          else this.textObject(`${where} element ${i}`, element, BLOCK_KIT_LIMITS.textObject);
        });
        break;
      }
      case "actions":
        this.list(where, block.elements, 1, BLOCK_KIT_LIMITS.actionsElements, "elements");
        break;
      case "image":
        this.image(where, block);
        break;
      case "markdown":
        if (typeof block.text !== "string" || block.text.length === 0) this.invalid(where, "needs text");
        else {
          this.textLength += block.text.length;
          if (block.text.length > BLOCK_KIT_LIMITS.markdownBlockText) {
            this.invalid(where, `text is ${n(block.text.length)} characters; Slack allows ${n(12_000)}`);
          }
        }
        break;
      default:
        break;
    }
  }

  image(where: string, element: Record<string, unknown>): void {
    if (typeof element.alt_text !== "string" || element.alt_text.length > BLOCK_KIT_LIMITS.imageAltText) {
      this.invalid(
        where,
        `alt_text must be a string of at most ${n(BLOCK_KIT_LIMITS.imageAltText)} characters`,
      );
    }
    const url = element.image_url;
    if (url !== undefined && (typeof url !== "string" || url.length > BLOCK_KIT_LIMITS.imageUrl)) {
      this.invalid(where, `image_url must be a string of at most ${n(BLOCK_KIT_LIMITS.imageUrl)} characters`);
    }
  }
}

function check(message: MessageToCheck): Problem[] {
  const checker = new Checker();
  const text = typeof message.text === "string" ? message.text : "";
  if (message.text !== undefined && typeof message.text !== "string")
    checker.invalid("text", "must be a string");
  if (text.length > BLOCK_KIT_LIMITS.messageText) {
    checker.problems.push({
      error: "msg_too_long",
      message: `text is ${n(text.length)} characters; Slack allows ${n(BLOCK_KIT_LIMITS.messageText)}`,
    });
  }
  if (message.blocks === undefined) {
    if (text.trim().length === 0) checker.problems.push({ error: "no_text", message: "message has no text" });
    return checker.problems;
  }
  const blocks = checker.list("blocks", message.blocks, 1, BLOCK_KIT_LIMITS.blocks, "blocks");
  for (const [i, block] of blocks.entries()) checker.block(i, block);
  if (checker.textLength > BLOCK_KIT_LIMITS.totalBlockText) {
    checker.problems.push({
      error: "msg_blocks_too_long",
      message: `blocks hold ${n(checker.textLength)} characters of text; Slack refuses more than about ${n(BLOCK_KIT_LIMITS.totalBlockText)} (msg_blocks_too_long)`,
    });
  }
  return checker.problems;
}

/** Every Block Kit limit the message breaks, in words; empty when Slack would accept it. */
export function checkBlockKitLimits(message: MessageToCheck): string[] {
  return check(message).map((p) => p.message);
}

/** The error Slack would answer for the message, or null when it is within limits. */
export function blockKitErrorFor(message: MessageToCheck): BlockKitError | null {
  const problems = check(message);
  const first =
    problems.find((p) => p.error === "msg_too_long") ??
    problems.find((p) => p.error === "msg_blocks_too_long") ??
    problems[0];
  return first?.error ?? null;
}

/** Total characters of text held by a message's blocks (what msg_blocks_too_long measures). */
export function blockTextLength(message: MessageToCheck): number {
  const checker = new Checker();
  if (Array.isArray(message.blocks))
    for (const [i, block] of message.blocks.entries()) checker.block(i, block);
  return checker.textLength;
}
