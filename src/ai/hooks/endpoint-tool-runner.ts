import { executeEndpoint } from '../../connections/execute-endpoint.ts';
import type { AppContext } from '../../context.ts';
import { setVariables } from '../../conversations/variables.ts';
import { templateVariables } from '../../rules/actions/template-variables.ts';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { type ToolCallRunner, toolOutcomeOf } from '../llm/endpoint-tools.ts';

/**
 * Runs the model's tool calls for one turn. The tenant is the conversation's — never anything the
 * model says — and only aiCallable endpoints run. Mapped variables feed the next call of the same
 * turn (auth → token → protected call) and are saved as session variables like a CALL_API's.
 */
export function endpointToolRunner(ctx: AppContext, turn: AiTurnContext): ToolCallRunner {
  const chain: Record<string, string> = { ...turn.variables };
  return async (endpoint, args) => {
    if (!endpoint.aiCallable || endpoint.tenantId !== turn.tenantId) {
      return { ok: false, error: 'This tool is not available.' };
    }
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
    if (result.ok && Object.keys(result.mapped).length > 0) {
      Object.assign(chain, result.mapped);
      if (turn.conversationId) await setVariables(ctx.db, turn.tenantId, turn.conversationId, result.mapped);
    }
    return toolOutcomeOf(result);
  };
}
