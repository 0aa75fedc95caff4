export { getPath, type PathSegment, parsePath } from './get-path.ts';
export { jsonValueToString } from './json-value-to-string.ts';
export {
  type MappedResponse,
  type MapResponseResult,
  mapParsedResponse,
  mapResponse,
  type ResponseMappingRule,
} from './map-response.ts';
export { parseJsonPreservingBigInts } from './parse-json-preserving-big-ints.ts';
export { type ParseResponseBodyResult, parseResponseBody } from './parse-response-body.ts';
export { isRawJson, type RawJson, rawJson } from './raw-json.ts';
export {
  responseMappingRuleSchema,
  responsePathSchema,
  variableNameSchema,
} from './response-mapping.schema.ts';
