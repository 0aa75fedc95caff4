import type { Action } from './action.schema.ts';
import type { ActionContext, ActionLogEntry } from './action.ts';
import type { CallMemory } from './call-api.ts';
import { runAction } from './run-action.ts';

export interface ActionsRun {
  log: ActionLogEntry[];
  unknownVariables: string[];
  /** True when an action ended the message's evaluation (a question, validation message or fallback was replied). */
  halted: boolean;
}

/**
 * Runs a rule's actions in order. A CALL_API branch replaces the actions that follow it with
 * its own (nested branches likewise); a halting action ends the run and the evaluation.
 */
export async function runActions(actions: readonly Action[], context: ActionContext): Promise<ActionsRun> {
  const run: ActionsRun = { log: [], unknownVariables: [], halted: false };
  const memory: CallMemory = { mappedVariables: [] };
  let queue = [...actions];
  while (queue.length > 0) {
    const action = queue.shift() as Action;
    const result = await runAction(action, context, memory);
    run.log.push(...result.log);
    for (const name of result.unknownVariables)
      if (!run.unknownVariables.includes(name)) run.unknownVariables.push(name);
    if (result.flow.next === 'halt') {
      run.halted = true;
      break;
    }
    if (result.flow.next === 'branch') queue = [...result.flow.actions];
  }
  return run;
}
