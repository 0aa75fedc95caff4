import { UNAVAILABLE } from '../../connections/call-error.ts';
import { executeEndpoint } from '../../connections/execute-endpoint.ts';
import type { AppContext } from '../../context.ts';
import { mappingPatch, setVariables } from '../../conversations/variables.ts';
import { templateVariables } from '../../rules/actions/template-variables.ts';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { aiLogger } from '../ai-logger.ts';
import { type ToolCallRunner, toolOutcomeOf } from '../llm/endpoint-tools.ts';
import { visibleVariablesFor } from '../tenant-secrets.ts';

/**
 * Runs the model's tool calls for one turn. The tenant is the conversation's — never anything the
 * model says — and only aiCallable endpoints run. Mapped variables feed the next call of the same
 * turn (auth → token → protected call) and are saved as session variables like a CALL_API's; the
 * model is shown them without credentials (a login's token stays in the chain, not the prompt).
 * As with a CALL_API, the endpoint's mapped variables this call did not produce (all of them when
 * it failed) are removed: the model must not read the previous order's status as this one's.
 */
export function endpointToolRunner(
  ctx: AppContext,
  turn: AiTurnContext,
  /** Receives what each successful call showed the model, for a reply should the model write none. */
  found: Record<string, string> = {},
): ToolCallRunner {
  const chain: Record<string, string> = { ...turn.variables };
  return async (endpoint, args) => {
    if (!endpoint.aiCallable || endpoint.tenantId !== turn.tenantId) {
      return { ok: false, error: 'This tool is not available.' };
    }
    try {
      const result = await executeEndpoint(ctx, {
        tenantId: turn.tenantId,
        endpointId: endpoint.id,
        // Built-ins such as {language} fill the endpoint's templates as they do in a CALL_API.
        variables: {
          ...templateVariables(
            { language: turn.language, variables: chain },
            endpoint.fields.map((field) => field.name),
          ),
          ...args,
        },
        conversationId: turn.conversationId,
        source: 'ai',
      });
      const targets = endpoint.responseMapping.map((rule) => rule.to);
      const patch = mappingPatch(targets, result.ok ? result.mapped : {}, chain);
      if (Object.keys(patch).length > 0) {
        for (const [name, value] of Object.entries(patch)) {
          if (value === null) delete chain[name];
          else chain[name] = value;
        }
        if (turn.conversationId) await setVariables(ctx.db, turn.tenantId, turn.conversationId, patch);
      }
      const outcome = toolOutcomeOf(result);
      if (!outcome.ok) return outcome;
      const visible = await visibleVariablesFor(ctx, turn.tenantId, outcome.data);
      Object.assign(found, visible);
      const hidden = Object.keys(outcome.data).filter((name) => !Object.hasOwn(visible, name));
      return hidden.length === 0 ? outcome : { ok: true, data: visible, hidden };
    } catch (error) {
      // A fault of ours, not the upstream's (those are values): the model gets no internals, the log does.
      aiLogger(ctx).warn(
        {
          tenantId: turn.tenantId,
          conversationId: turn.conversationId,
          endpointId: endpoint.id,
          purpose: 'tool',
          error: error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error),
        },
        'AI tool call failed: the model was told the tool is unavailable',
      );
      return { ok: false, error: UNAVAILABLE };
    }
  };
}
