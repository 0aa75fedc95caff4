import type { AppContext } from '../../context.ts';
import { nowIso } from '../../db/time.ts';
import type { ErrorDetail } from '../../errors.ts';
import { parseAllowList } from '../../http/guarded-fetch/index.ts';
import { maskSecret } from '../../vault/vault.ts';
import { checkWebhookUrl } from '../../webhooks/check-webhook-url.ts';
import type { AiSettingsTable } from '../ai.tables.ts';
import { DEFAULT_AI_LANGUAGE } from '../language-fallback.ts';
import { defaultModels, type ProviderKind, type ResolvedAiConfig } from '../provider-kind.ts';
import type { AiSettingsInput, AiSettingsView } from './ai-settings.schema.ts';

/** Stored as the provider when a tenant only set its language or hand-over: the installation's provider applies. */
const INHERIT = 'installation';

async function readRow(ctx: AppContext, tenantId: string): Promise<AiSettingsTable | undefined> {
  return ctx.db.selectFrom('ai_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
}

function installationConfig(
  ctx: AppContext,
): Pick<ResolvedAiConfig, 'provider' | 'model' | 'baseUrl' | 'apiKey'> {
  const { provider, model, baseUrl, apiKey } = ctx.config.ai;
  return {
    provider,
    model: provider === 'embedded' ? null : (model ?? defaultModels[provider]),
    baseUrl: baseUrl ?? null,
    apiKey: apiKey ?? null,
  };
}

/** The provider a tenant's AI uses now: its own settings, else the installation's PARLEY_AI_*. */
export async function loadAiConfig(ctx: AppContext, tenantId: string): Promise<ResolvedAiConfig> {
  const row = await readRow(ctx, tenantId);
  const shared = {
    language: row?.language ?? DEFAULT_AI_LANGUAGE,
    handoverToOperator: row?.handover_to_operator === 1,
  };
  if (!row || row.provider === INHERIT)
    return { ...installationConfig(ctx), source: 'installation', ...shared };
  return {
    provider: row.provider as ProviderKind,
    model: row.model,
    baseUrl: row.base_url,
    apiKey: row.api_key ? ctx.vault.open(row.api_key) : null,
    source: 'tenant',
    ...shared,
  };
}

export function viewOf(config: ResolvedAiConfig): AiSettingsView {
  const own = config.source === 'tenant';
  return {
    provider: config.provider,
    model: config.model,
    // The operator's endpoint and key are not the tenant's to see.
    baseUrl: own ? config.baseUrl : null,
    apiKey: own && config.apiKey ? maskSecret(config.apiKey) : null,
    source: config.source,
    language: config.language,
    handoverToOperator: config.handoverToOperator,
    translationAvailable: config.provider !== 'embedded' && config.model !== null,
  };
}

export type SaveResult = { ok: true; view: AiSettingsView } | { ok: false; details: ErrorDetail[] };

/** PUT /settings/ai: validates the combination, seals the key, keeps the stored key when omitted. */
export async function saveAiSettings(
  ctx: AppContext,
  tenantId: string,
  input: AiSettingsInput,
): Promise<SaveResult> {
  const row = await readRow(ctx, tenantId);
  const storedKey = row?.api_key ?? null;
  const sealedKey =
    input.apiKey === undefined ? storedKey : input.apiKey === null ? null : ctx.vault.seal(input.apiKey);
  const details: ErrorDetail[] = [];
  const embedded = input.provider === 'embedded';
  const model = input.provider === 'embedded' ? null : (input.model ?? defaultModels[input.provider]);
  const baseUrl = embedded ? null : (input.baseUrl ?? null);
  if (!embedded && !model)
    details.push({ path: 'model', message: `model is required for ${input.provider}` });
  if (input.provider === 'openai-compatible' && !baseUrl) {
    details.push({
      path: 'baseUrl',
      message: 'baseUrl is required for openai-compatible (e.g. http://ollama.internal:11434/v1)',
    });
  }
  if ((input.provider === 'openai' || input.provider === 'anthropic') && !sealedKey) {
    details.push({ path: 'apiKey', message: `apiKey is required for ${input.provider}` });
  }
  if (baseUrl) {
    const verdict = await checkWebhookUrl(baseUrl, parseAllowList(ctx.config.outboundAllow));
    if (!verdict.ok) details.push({ path: 'baseUrl', message: verdict.reason.replace(/^url/, 'baseUrl') });
  }
  if (details.length > 0) return { ok: false, details };

  const values = {
    provider: input.provider,
    model,
    base_url: baseUrl,
    api_key: embedded ? storedKey : sealedKey,
    language: input.language ?? row?.language ?? 'en',
    handover_to_operator: (input.handoverToOperator ?? row?.handover_to_operator === 1) ? 1 : 0,
    updated_at: nowIso(),
  };
  await upsert(ctx, tenantId, values);
  return { ok: true, view: viewOf(await loadAiConfig(ctx, tenantId)) };
}

/** PATCH /settings/ai: language and hand-over only, leaving the provider as it is. */
export async function updateAiPreferences(
  ctx: AppContext,
  tenantId: string,
  patch: Pick<AiSettingsInput, 'language' | 'handoverToOperator'>,
): Promise<AiSettingsView> {
  const row = await readRow(ctx, tenantId);
  await upsert(ctx, tenantId, {
    provider: row?.provider ?? INHERIT,
    model: row?.model ?? null,
    base_url: row?.base_url ?? null,
    api_key: row?.api_key ?? null,
    language: patch.language ?? row?.language ?? 'en',
    handover_to_operator: (patch.handoverToOperator ?? row?.handover_to_operator === 1) ? 1 : 0,
    updated_at: nowIso(),
  });
  return viewOf(await loadAiConfig(ctx, tenantId));
}

/** DELETE /settings/ai: back to the installation's provider (language and hand-over stay). */
export async function resetAiProvider(ctx: AppContext, tenantId: string): Promise<AiSettingsView> {
  await ctx.db
    .updateTable('ai_settings')
    .set({ provider: INHERIT, model: null, base_url: null, api_key: null, updated_at: nowIso() })
    .where('tenant_id', '=', tenantId)
    .execute();
  return viewOf(await loadAiConfig(ctx, tenantId));
}

async function upsert(
  ctx: AppContext,
  tenantId: string,
  values: Omit<AiSettingsTable, 'tenant_id'>,
): Promise<void> {
  await ctx.db
    .insertInto('ai_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}
