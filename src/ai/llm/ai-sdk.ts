/**
 * The AI SDK (`ai` and the provider packages), loaded on the first LLM call instead of at start-up:
 * they are ~25 MB of a process's memory that installations on the embedded provider never use.
 * The first call waits for the import once (~100 ms, next to seconds of model time).
 */
type AiSdk = typeof import('ai');

let loading: Promise<AiSdk> | undefined;
let loaded: AiSdk | undefined;

export function loadAiSdk(): Promise<AiSdk> {
  loading ??= import('ai').then((sdk) => {
    loaded = sdk;
    return sdk;
  });
  return loading;
}

/** The SDK if some call has loaded it; until then no SDK error can exist. */
export const loadedAiSdk = (): AiSdk | undefined => loaded;
