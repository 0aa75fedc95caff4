/**
 * Prefixes that mark a name as a program's, not a thing's: `v_status`, `var_total`, `resStatus`.
 * Only dropped when more words follow, so a variable called `res` keeps its name.
 */
const TECHNICAL_PREFIXES = new Set(['v', 'var', 'val', 'res', 'resp', 'out', 'tmp', 'temp', 'ctx']);

/**
 * The words of a variable's name for a sentence the visitor reads: `delivery_eta` and
 * `deliveryETA` → "delivery eta", `v_status` → "status", `_internal.note` → "internal note".
 * Case is lowered word by word, so a list reads "order status: shipped" and never shows the
 * underscores and prefixes of the mapping that produced it.
 *
 * @example
 * readableLabel('v_carrierName') // → 'carrier name'
 */
export function readableLabel(variable: string): string {
  const words = variable
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  while (words.length > 1 && TECHNICAL_PREFIXES.has(words[0])) words.shift();
  return words.join(' ');
}
