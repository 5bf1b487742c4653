import { checkBlockKitLimits } from "./block-kit-limits.js";

/**
 * Slack's limits for views (modals and App Home), checked by our view tests and by the fake Slack
 * server in tests (which answers invalid_arguments like Slack does): at most 100 blocks; a modal's
 * title, submit and close labels at most 24 characters; private_metadata at most 3,000; and the
 * element limits of the inputs we use (10 checkboxes, 100 select options, 75-character option
 * text). Each block is also checked against the message block limits.
 */
export const VIEW_LIMITS = {
  blocks: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3_000,
  callbackId: 255,
  inputLabel: 2_000,
  checkboxOptions: 10,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  buttonText: 75,
  buttonValue: 2_000,
} as const;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | null => (isRec(v) && typeof v.text === "string" ? v.text : null);

function checkOptions(where: string, options: unknown, max: number, problems: string[]): void {
  if (!Array.isArray(options)) return;
  if (options.length > max) problems.push(`${where}: ${options.length} options; Slack allows ${max}`);
  for (const [i, o] of options.entries()) {
    const text = isRec(o) ? textOf(o.text) : null;
    const value = isRec(o) ? o.value : undefined;
    if (text === null || text.length === 0 || text.length > VIEW_LIMITS.optionText)
      problems.push(`${where} option ${i}: text must be 1 to ${VIEW_LIMITS.optionText} characters`);
    if (typeof value === "string" && value.length > VIEW_LIMITS.optionValue)
      problems.push(`${where} option ${i}: value over ${VIEW_LIMITS.optionValue} characters`);
  }
}

function checkElement(where: string, element: unknown, problems: string[]): void {
  if (!isRec(element) || typeof element.type !== "string") {
    problems.push(`${where}: needs an element with a type`);
    return;
  }
  if (element.type === "checkboxes")
    checkOptions(where, element.options, VIEW_LIMITS.checkboxOptions, problems);
  if (/static_select|radio_buttons/.test(element.type))
    checkOptions(where, element.options, VIEW_LIMITS.selectOptions, problems);
  if (element.type === "button") {
    const text = textOf(element.text) ?? "";
    if (text.length === 0 || text.length > VIEW_LIMITS.buttonText)
      problems.push(`${where}: button text must be 1 to ${VIEW_LIMITS.buttonText} characters`);
    if (typeof element.value === "string" && element.value.length > VIEW_LIMITS.buttonValue)
      problems.push(`${where}: button value over ${VIEW_LIMITS.buttonValue} characters`);
  }
}

/** Every limit a view breaks, in words; empty when Slack would accept it. */
export function checkViewLimits(view: unknown): string[] {
  const problems: string[] = [];
  if (!isRec(view) || (view.type !== "modal" && view.type !== "home"))
    return ['view: type must be "modal" or "home"'];
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (!Array.isArray(view.blocks)) problems.push("view: blocks must be an array");
  if (blocks.length > VIEW_LIMITS.blocks)
    problems.push(`view: ${blocks.length} blocks; Slack allows ${VIEW_LIMITS.blocks}`);
  if (view.type === "modal") {
    const title = textOf(view.title);
    if (!title || title.length > VIEW_LIMITS.modalTitle)
      problems.push(`view: a modal title must be 1 to ${VIEW_LIMITS.modalTitle} characters`);
    for (const key of ["submit", "close"]) {
      const label = view[key] === undefined ? "" : textOf(view[key]);
      if (label === null || label.length > VIEW_LIMITS.modalButton)
        problems.push(`view: ${key} must be at most ${VIEW_LIMITS.modalButton} characters`);
    }
  }
  if (typeof view.private_metadata === "string" && view.private_metadata.length > VIEW_LIMITS.privateMetadata)
    problems.push(`view: private_metadata is ${view.private_metadata.length} characters; Slack allows 3,000`);
  if (typeof view.callback_id === "string" && view.callback_id.length > VIEW_LIMITS.callbackId)
    problems.push("view: callback_id over 255 characters");
  const ids = new Set<string>();
  for (const [i, block] of blocks.entries()) {
    const where = `block ${i}`;
    if (!isRec(block)) {
      problems.push(`${where}: expected an object`);
      continue;
    }
    if (typeof block.block_id === "string") {
      if (ids.has(block.block_id)) problems.push(`${where}: block_id "${block.block_id}" repeated`);
      ids.add(block.block_id);
    }
    if (block.type === "input") {
      const label = textOf(block.label) ?? "";
      if (label.length === 0 || label.length > VIEW_LIMITS.inputLabel)
        problems.push(`${where}: input label must be 1 to ${VIEW_LIMITS.inputLabel} characters`);
      checkElement(where, block.element, problems);
      continue;
    }
    if (block.type === "actions" && Array.isArray(block.elements))
      for (const element of block.elements) checkElement(where, element, problems);
    if (isRec(block.accessory)) checkElement(`${where} accessory`, block.accessory, problems);
    problems.push(...checkBlockKitLimits({ blocks: [block] }).map((p) => p.replace(/^block 0/, where)));
  }
  return problems;
}
